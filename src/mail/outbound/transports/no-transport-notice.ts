/**
 * Tells a tenant's admins, once per episode, that its mail waits for want of a transport:
 * an `outgoing_mail.no_transport` event (the in-app side, the audit log) and an open
 * notice that the outgoing-mail API shows. (A mail to the admins cannot go out: there is
 * no transport.) The episode ends when settings are saved or a mail of the tenant goes out.
 */
import {
  closeNoTransportNotice, countQueuedMail, openNoTransportNotice,
} from '../../../domain/outgoing-mail/outgoing-transports.repo.ts';
import { recordEvent } from '../../../domain/events/record-event.ts';
import { nowIso } from '../../../domain/shared/clock.ts';
import { systemCtx, type Services } from '../../../domain/shared/context.ts';
import { inTransaction } from '../../../domain/shared/transaction.ts';

/** Tenants this process has seen a mail go out for since it last saw them wait: no write per mail. */
const flowing = new Set<string>();

/** Opens the tenant's waiting episode and records its event, unless one is open already. */
export async function noteNoTransport(services: Services, tenantId: string, reason: string): Promise<void> {
  flowing.delete(tenantId);
  await inTransaction(systemCtx(services, tenantId, 'jobs'), async (tx) => {
    if (!(await openNoTransportNotice(tx.db, tenantId, nowIso()))) return;
    const queued = await countQueuedMail(tx.db, tenantId);
    await recordEvent(tx, { name: 'outgoing_mail.no_transport', subjectType: 'outgoing_mail', subjectId: 'tenant', payload: { queued, reason } });
  });
}

/** A mail of the tenant went out: its waiting episode, if any, is over. */
export async function noteTransportWorks(services: Pick<Services, 'db'>, tenantId: string): Promise<void> {
  if (flowing.has(tenantId)) return;
  await closeNoTransportNotice(services.db, tenantId);
  flowing.add(tenantId);
}
