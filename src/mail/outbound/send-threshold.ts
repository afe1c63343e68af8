/**
 * mail_send_threshold (seed 002): at most N mails to one address per 5 minutes, a guard
 * against mail loops. Checked when a mail is about to be sent: each recipient's
 * deliveries of the window are counted and, if the mail fits, it counts itself in the
 * same transaction. On PostgreSQL a transaction-scoped advisory lock per address makes
 * concurrent workers take turns; SQLite has one writer at a time anyway.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { runTransaction } from '../../db/group-commit.ts';
import type { Dialect } from '../../db/dialect.ts';
import { countRecentDeliveries, setRecipientsCounted } from './outbound-mails.repo.ts';

export const THRESHOLD_WINDOW_MS = 5 * 60_000;

/** Counts the mail against each recipient's window; the reason it must be held instead, or null. */
export async function takeThresholdSlot(db: Db, dialect: Dialect, tenantId: string, outboundId: string, recipients: string[], threshold: number, now: Date): Promise<string | null> {
  return runTransaction(db, async (trx) => {
    if (dialect === 'postgres') {
      for (const address of [...recipients].sort()) {
        await sql`select pg_advisory_xact_lock(hashtext(${`outbound:${tenantId}:${address}`}))`.execute(trx);
      }
    }
    const since = new Date(now.getTime() - THRESHOLD_WINDOW_MS).toISOString();
    const counts = await countRecentDeliveries(trx, tenantId, recipients, since, outboundId);
    const over = recipients.find((a) => (counts.get(a) ?? 0) >= threshold);
    if (over) return `send threshold reached: ${threshold} mails to ${over} in 5 minutes (mail_send_threshold); held until an admin releases it`;
    await setRecipientsCounted(trx, tenantId, outboundId, now.toISOString());
    return null;
  });
}
