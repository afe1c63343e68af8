/**
 * The delivery state of thread messages: the newest outbox row carrying each one
 * (mail/outbound writes them; the domain only reads, so it never depends on mail/).
 * Staff see why a mail failed or waits; customers see only the state. A queued mail
 * whose send_at is still ahead is `scheduled` (a scheduled reply; customers never see one
 * before it is sent, get-ticket-thread.ts).
 */
import type { Db } from '../../db/client.ts';
import type { OutboundMailStatus } from '../../db/schema.ts';

export interface MessageDelivery {
  status: OutboundMailStatus | 'scheduled'; recipients: string[]; sent_at: string | null; error: string | null;
  /** Staff only: when a scheduled reply goes out. */
  send_at: string | null;
}

export async function loadMessageDeliveries(db: Db, tenantId: string, messageIds: string[], staff: boolean): Promise<Map<string, MessageDelivery>> {
  const byMessage = new Map<string, MessageDelivery>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db.selectFrom('outbound_mails')
    .select(['id', 'message_id', 'status', 'to_addresses', 'cc_addresses', 'send_at', 'sent_at', 'last_error', 'reason'])
    .where('tenant_id', '=', tenantId).where('message_id', 'in', messageIds).orderBy('id', 'desc').execute();
  const now = new Date().toISOString();
  for (const r of rows) {
    if (byMessage.has(r.message_id!)) continue;
    const scheduled = r.status === 'queued' && new Date(r.send_at).toISOString() > now;
    byMessage.set(r.message_id!, {
      status: scheduled ? 'scheduled' : r.status,
      send_at: staff && scheduled ? new Date(r.send_at).toISOString() : null,
      recipients: [...JSON.parse(r.to_addresses) as string[], ...JSON.parse(r.cc_addresses) as string[]],
      sent_at: r.sent_at,
      error: staff ? (r.last_error ?? r.reason) : null,
    });
  }
  return byMessage;
}
