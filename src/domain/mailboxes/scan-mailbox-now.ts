import { findMailbox, type MailboxRow } from '../../mail/inbound/mailboxes.repo.ts';
import { scanMailbox, type MailboxScanOutcome } from '../../mail/inbound/scan-mailbox.ts';
import type { Runtime } from '../../runtime.ts';
import { recordEvent } from '../events/record-event.ts';
import type { Ctx } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { authorizeMailbox } from './mailbox.policy.ts';

/** An admin waits for the answer, so a stuck server must not hold the request for the scheduler's 3 minutes. */
const INTERACTIVE_TIMEOUT_MS = 60_000;

/**
 * An admin's "scan now" (admins only): scans the mailbox at once, whatever
 * mail_scan_frequency says, and audits the request with its outcome. A failing scan is
 * an outcome, not an error: it is recorded on the mailbox for the admin to see.
 */
export async function scanMailboxNow(ctx: Ctx, rt: Runtime, id: string): Promise<{ outcome: MailboxScanOutcome; mailbox: MailboxRow }> {
  authorizeMailbox(ctx.actor, 'scan');
  const mailbox = await findMailbox(ctx.db, ctx.tenantId, id);
  if (!mailbox) throw new NotFoundError('mailbox');
  const outcome = await scanMailbox(rt, mailbox, { force: true, timeoutMs: INTERACTIVE_TIMEOUT_MS });
  await inTransaction(ctx, (tx) => recordEvent(tx, {
    name: 'mailbox.scanned', subjectType: 'mailbox', subjectId: id,
    payload: { name: mailbox.name, status: outcome.status, counts: outcome.counts, detail: outcome.detail },
  }));
  return { outcome, mailbox: (await findMailbox(ctx.db, ctx.tenantId, id)) ?? mailbox };
}
