/**
 * Bulk writes of generated tickets on PostgreSQL: one INSERT … SELECT FROM unnest(…)
 * per table and batch (one array parameter per column, so a batch of any size is one
 * statement), the search documents as `to_tsvector('simple', folded text)` like
 * search.repo.ts. The secondary indexes of the bulk tables are dropped first and
 * rebuilt from their own definitions at the end, as any bulk load does; VACUUM ANALYZE
 * then leaves the statistics autovacuum would have gathered.
 */
import { sql } from 'kysely';
import type { Db } from '../../src/db/client.ts';
import { searchableText } from '../../src/domain/search/search-terms.ts';
import type { TicketBatch } from './ticket-rows.ts';

const TABLES = ['tickets', 'ticket_tags', 'ticket_recipients', 'messages', 'search_index', 'events'] as const;

export class PostgresWriter {
  private types = new Map<string, string>();
  private dropped: Array<{ name: string; definition: string }> = [];

  constructor(private readonly db: Db, private readonly tenantId: string, private readonly log: (line: string) => void) {}

  async begin(): Promise<void> {
    const columns = await sql<{ table_name: string; column_name: string; udt_name: string }>`
      select table_name, column_name, udt_name from information_schema.columns
      where table_schema = current_schema() and table_name = any(${[...TABLES]}::text[])`.execute(this.db);
    for (const c of columns.rows) this.types.set(`${c.table_name}.${c.column_name}`, c.udt_name);
    const indexes = await sql<{ indexname: string; indexdef: string }>`
      select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = any(${[...TABLES]}::text[])
        and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`.execute(this.db);
    this.dropped = indexes.rows.map((r) => ({ name: r.indexname, definition: r.indexdef }));
    for (const ix of this.dropped) await sql`drop index ${sql.ref(ix.name)}`.execute(this.db);
  }

  async write(b: TicketBatch): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      // Skips the per-row foreign-key triggers: the rows are consistent by construction.
      await sql`set local session_replication_role = replica`.execute(trx);
      await this.insert(trx, 'tickets', b.tickets);
      await this.insert(trx, 'ticket_tags', b.tags);
      await this.insert(trx, 'ticket_recipients', b.recipients);
      await this.insert(trx, 'messages', b.messages);
      await sql`insert into search_index (tenant_id, ticket_id, source_id, document)
        select ${this.tenantId}, t, s, to_tsvector('simple', x)
        from unnest(${b.docs.map((d) => d.ticketId)}::text[], ${b.docs.map((d) => d.sourceId)}::text[],
          ${b.docs.map((d) => searchableText(d.text.slice(0, 200_000)))}::text[]) as u(t, s, x)`.execute(trx);
      await this.insert(trx, 'events', b.events);
    });
  }

  async finish(): Promise<void> {
    const started = Date.now();
    await this.db.connection().execute(async (conn) => {
      await sql`set maintenance_work_mem = '1GB'`.execute(conn);
      for (const ix of this.dropped) await sql.raw(ix.definition).execute(conn);
      this.log(`rebuilt ${this.dropped.length} indexes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const t of TABLES) await sql`vacuum (analyze) ${sql.table(t)}`.execute(conn);
      await sql`analyze`.execute(conn);
    });
    this.log(`indexes and VACUUM ANALYZE took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  private async insert(db: Db, table: string, rows: ReadonlyArray<object>): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]);
    const arrays = columns.map((c) => {
      const type = this.types.get(`${table}.${c}`);
      if (!type) throw new Error(`bench: no column ${table}.${c}`);
      return sql`${rows.map((r) => (r as Record<string, unknown>)[c] ?? null)}::${sql.raw(type)}[]`;
    });
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      select * from unnest(${sql.join(arrays)})`.execute(db);
  }
}
