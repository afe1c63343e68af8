/**
 * Tells every active admin of a tenant, in-app only, of something about the install's mail
 * (docs/notifications.md): mail that waits for a transport, a mailbox to connect again. No
 * mail: it could not go out, or would not help. One row per admin and event, so a retried
 * job tells nobody twice; each row is pushed on the live stream to its admin alone.
 */
import { systemCtx, type Services } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { listActiveAdminIds } from './mentions.repo.ts';
import type { NotificationKind } from './notification-kinds.ts';
import { recordNotifications, type NotificationSubject } from './record-notifications.ts';

export interface NotifyAdminsProps { eventId: number; kind: NotificationKind; subject: NotificationSubject }

/** Records the notification for each active admin of the tenant; answers how many were told now (0 on a rerun). */
export async function notifyAdmins(services: Services, tenantId: string, p: NotifyAdminsProps): Promise<number> {
  return inTransaction(systemCtx(services, tenantId, 'jobs'), async (tx) => {
    const admins = await listActiveAdminIds(tx.db, tenantId);
    const told = await recordNotifications(tx, { eventId: p.eventId, kind: p.kind, ticketId: null, subject: p.subject, actorId: null, userIds: admins });
    return told.size;
  });
}
