/**
 * The delivery state of thread messages: the newest outbox row carrying each one
 * (mail/outbound writes them; the domain only reads, so it never depends on mail/).
 * Staff see why a mail failed or waits; customers see only the state.
 */
import type { Db } from '../../db/client.ts';
import type { OutboundMailStatus } from '../../db/schema.ts';

export interface MessageDelivery { status: OutboundMailStatus; recipients: string[]; sent_at: string | null; error: string | null }

export async function loadMessageDeliveries(db: Db, tenantId: string, messageIds: string[], staff: boolean): Promise<Map<string, MessageDelivery>> {
  const byMessage = new Map<string, MessageDelivery>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db.selectFrom('outbound_mails')
    .select(['id', 'message_id', 'status', 'to_addresses', 'cc_addresses', 'sent_at', 'last_error', 'reason'])
    .where('tenant_id', '=', tenantId).where('message_id', 'in', messageIds).orderBy('id', 'desc').execute();
  for (const r of rows) {
    if (byMessage.has(r.message_id!)) continue;
    byMessage.set(r.message_id!, {
      status: r.status,
      recipients: [...JSON.parse(r.to_addresses) as string[], ...JSON.parse(r.cc_addresses) as string[]],
      sent_at: r.sent_at,
      error: staff ? (r.last_error ?? r.reason) : null,
    });
  }
  return byMessage;
}
