/**
 * Deletes the tickets a benchmark run created (the POST scenario) and resets the ticket
 * counter, so kept data stays exactly as seeded. A plain DELETE would not do: each
 * cascade looks up messages, search_docs, ticket_tags, ticket_recipients and attachments
 * by ticket_id alone, which no index leads with, so every deleted ticket scans those
 * tables (1.5 s per ticket at 1M tickets on SQLite). The children are deleted here by
 * (tenant_id, …) first, with the foreign-key checks off. Events stay: the audit log is
 * append-only.
 */
import { sql } from 'kysely';
import type { Runtime } from '../../src/runtime.ts';

const CHUNK = 500;

export async function removeBenchTickets(rt: Runtime, seededBefore: string, tickets: number): Promise<number> {
  const tenantId = rt.defaultTenantId;
  const ids = (await rt.db.selectFrom('tickets').select('id')
    .where('tenant_id', '=', tenantId).where('created_at', '>', seededBefore).execute()).map((r) => r.id);
  const sqlite = rt.dialect === 'sqlite';
  // SQLite ignores this pragma inside a transaction, so it is set around it.
  if (sqlite && ids.length) await sql`pragma foreign_keys = off`.execute(rt.db);
  try {
    await rt.db.transaction().execute(async (trx) => {
      if (!sqlite) await sql`set local session_replication_role = replica`.execute(trx);
      for (let i = 0; i < ids.length; i += CHUNK) {
        const part = ids.slice(i, i + CHUNK);
        const messageIds = (await trx.selectFrom('messages').select('id')
          .where('tenant_id', '=', tenantId).where('ticket_id', 'in', part).execute()).map((r) => r.id);
        const sources = [...part.map((id) => `ticket:${id}`), ...messageIds.map((id) => `message:${id}`)];
        if (messageIds.length) await trx.deleteFrom('attachments').where('tenant_id', '=', tenantId).where('message_id', 'in', messageIds).execute();
        await trx.deleteFrom('messages').where('tenant_id', '=', tenantId).where('ticket_id', 'in', part).execute();
        await trx.deleteFrom('ticket_tags').where('tenant_id', '=', tenantId).where('ticket_id', 'in', part).execute();
        await trx.deleteFrom('ticket_recipients').where('tenant_id', '=', tenantId).where('ticket_id', 'in', part).execute();
        // On SQLite a trigger on search_docs removes the FTS5 row.
        await trx.deleteFrom(sqlite ? 'search_docs' : 'search_index').where('tenant_id', '=', tenantId).where('source_id', 'in', sources).execute();
        await trx.deleteFrom('tickets').where('tenant_id', '=', tenantId).where('id', 'in', part).execute();
      }
      await trx.updateTable('tenant_counters').set({ value: tickets }).where('tenant_id', '=', tenantId).where('name', '=', 'ticket').execute();
    });
  } finally {
    if (sqlite && ids.length) await sql`pragma foreign_keys = on`.execute(rt.db);
  }
  return ids.length;
}
