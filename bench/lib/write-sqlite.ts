/**
 * Bulk writes of generated tickets on SQLite: one transaction per batch, multi-row
 * INSERTs sized to SQLite's 32,766-parameter limit, and the search index exactly as
 * search.repo.ts keeps it (a search_docs row, then the FTS5 row with the same rowid).
 * The statements go through Kysely as compiled queries: building a query tree of
 * 30,000 values would cost more than SQLite's work on them.
 */
import { CompiledQuery, sql } from 'kysely';
import type { Db } from '../../src/db/client.ts';
import type { TicketBatch } from './ticket-rows.ts';

const MAX_PARAMS = 32_000;
const TABLES = ['tickets', 'ticket_tags', 'ticket_recipients', 'messages', 'search_docs', 'events'];

export class SqliteWriter {
  private nextDocId = 0;
  private dropped: Array<{ name: string; sql: string }> = [];
  constructor(private readonly db: Db, private readonly tenantId: string, private readonly log: (line: string) => void) {}

  /**
   * Seeding-only connection settings: no fsync, since a failed seed is thrown away; no
   * foreign-key lookups (the rows are consistent by construction); a large page cache.
   * The journal stays the write-ahead log: the runtime reads on a second connection, and
   * leaving WAL needs the database to itself. finish() restores the settings.
   */
  async begin(): Promise<void> {
    for (const p of ['foreign_keys = off', 'synchronous = off', 'cache_size = -1048576', 'temp_store = memory']) {
      await sql.raw(`pragma ${p}`).execute(this.db);
    }
    // Secondary indexes are rebuilt from their own definitions at the end: sorting once
    // costs less than keeping nine indexes of `tickets` ordered row by row.
    const indexes = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
      where type = 'index' and sql is not null and tbl_name in (${sql.join(TABLES)})`.execute(this.db);
    this.dropped = indexes.rows;
    for (const ix of this.dropped) await sql`drop index ${sql.ref(ix.name)}`.execute(this.db);
    const row = await this.db.selectFrom('search_docs').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
    this.nextDocId = Number(row?.max ?? 0) + 1;
  }

  async write(b: TicketBatch): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await insertRows(trx, 'tickets', b.tickets);
      await insertRows(trx, 'ticket_tags', b.tags);
      await insertRows(trx, 'ticket_recipients', b.recipients);
      await insertRows(trx, 'messages', b.messages);
      const docs = b.docs.map((d) => ({ id: this.nextDocId++, ...d }));
      await insertRows(trx, 'search_docs', docs.map((d) => ({ id: d.id, tenant_id: this.tenantId, ticket_id: d.ticketId, source_id: d.sourceId })));
      await insertRows(trx, 'search_index', docs.map((d) => ({ rowid: d.id, content: d.text.slice(0, 200_000) })));
      await insertRows(trx, 'events', b.events);
    });
  }

  /** Rebuilds the indexes, then returns to the settings the application runs with. */
  async finish(): Promise<void> {
    const started = Date.now();
    for (const ix of this.dropped) await sql.raw(ix.sql).execute(this.db);
    this.log(`rebuilt ${this.dropped.length} indexes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const p of ['foreign_keys = on', 'synchronous = normal', 'wal_checkpoint(truncate)']) await sql.raw(`pragma ${p}`).execute(this.db);
  }
}

async function insertRows(db: Db, table: string, rows: ReadonlyArray<object>): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const per = Math.floor(MAX_PARAMS / columns.length);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    const params: unknown[] = [];
    for (const r of part) for (const c of columns) params.push((r as Record<string, unknown>)[c] ?? null);
    const text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${Array(part.length).fill(tuple).join(', ')}`;
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}
