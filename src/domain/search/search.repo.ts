/**
 * Full-text search over ticket subjects and message bodies: SQLite FTS5 or a
 * PostgreSQL tsvector with GIN. One document per source (a ticket's subject, a message).
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Dialect } from '../../db/dialect.ts';
import { searchableText } from './search-terms.ts';

/** Indexes a document; `isNew` skips looking for an earlier version (new tickets and messages). */
export async function indexDocument(db: Db, dialect: Dialect, tenantId: string, ticketId: string, sourceId: string, text: string, isNew = false): Promise<void> {
  const content = text.slice(0, 200_000);
  if (dialect === 'postgres') {
    await sql`insert into search_index (tenant_id, ticket_id, source_id, document)
      values (${tenantId}, ${ticketId}, ${sourceId}, to_tsvector('simple', ${searchableText(content)}))
      on conflict (tenant_id, source_id) do update set document = excluded.document`.execute(db);
    return;
  }
  const existing = isNew ? undefined : await db.selectFrom('search_docs').select('id')
    .where('tenant_id', '=', tenantId).where('source_id', '=', sourceId).executeTakeFirst();
  if (existing) {
    await sql`update search_index set content = ${content} where rowid = ${existing.id}`.execute(db);
    return;
  }
  const doc = await db.insertInto('search_docs').values({ tenant_id: tenantId, ticket_id: ticketId, source_id: sourceId })
    .returning('id').executeTakeFirstOrThrow();
  await sql`insert into search_index (rowid, content) values (${doc.id}, ${content})`.execute(db);
}

/**
 * Every term must match; the last one also as a prefix (the word being typed), when it
 * has three characters or more — a prefix match merges many words and is slower.
 */
function ftsQuery(dialect: Dialect, terms: string[]): string {
  const last = terms.length - 1;
  if (dialect === 'postgres') return terms.map((t, i) => (i === last && t.length >= 3 ? `${t}:*` : t)).join(' & ');
  return terms.map((t, i) => (i === last && t.length >= 3 ? `"${t}"*` : `"${t}"`)).join(' ');
}

/** A subquery of the ids of the tenant's tickets whose documents contain every term. */
export function ticketIdsMatching(dialect: Dialect, tenantId: string, terms: string[]): Expression<string> {
  const q = ftsQuery(dialect, terms);
  if (dialect === 'postgres') {
    return sql<string>`(select si.ticket_id from search_index si
      where si.document @@ to_tsquery('simple', ${q}) and si.tenant_id = ${tenantId})` as RawBuilder<string>;
  }
  return sql<string>`(select sd.ticket_id from search_index
      join search_docs sd on sd.id = search_index.rowid
      where search_index match ${q} and sd.tenant_id = ${tenantId})` as RawBuilder<string>;
}

/**
 * The matching ticket ids when there are few (reading at most `maxDocuments` matching
 * documents), or null when there are more. Few matches are then looked up by id, which
 * is fast whatever their age; many matches are better found by walking recent tickets.
 */
export async function fewMatchingTicketIds(db: Db, dialect: Dialect, tenantId: string, terms: string[], maxDocuments: number): Promise<string[] | null> {
  const q = ftsQuery(dialect, terms);
  const rows = dialect === 'postgres'
    ? await sql<{ ticket_id: string }>`select si.ticket_id from search_index si
        where si.document @@ to_tsquery('simple', ${q}) and si.tenant_id = ${tenantId} limit ${maxDocuments}`.execute(db)
    : await sql<{ ticket_id: string }>`select sd.ticket_id from search_index
        join search_docs sd on sd.id = search_index.rowid
        where search_index match ${q} and sd.tenant_id = ${tenantId} limit ${maxDocuments}`.execute(db);
  if (rows.rows.length >= maxDocuments) return null;
  return [...new Set(rows.rows.map((r) => r.ticket_id))];
}
