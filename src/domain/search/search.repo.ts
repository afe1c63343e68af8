/**
 * Full-text search over ticket subjects and message bodies: SQLite FTS5 or a
 * PostgreSQL tsvector with GIN. One document per source (a ticket's subject, a message),
 * each marked internal or not, so a customer's search reads only what the thread shows them.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Dialect } from '../../db/dialect.ts';
import { searchableText } from './search-terms.ts';

/** Who a search reads for: customers find only `public` documents, staff `all` (notes too). */
export type SearchAudience = 'public' | 'all';

export interface SearchDocument {
  ticketId: string;
  sourceId: string;
  text: string;
  /** Staff-only text (an internal note): never matched by a customer's search. */
  internal: boolean;
  /** A new ticket or message: skips looking for an earlier version. */
  isNew?: boolean;
}

/** Indexes (or replaces) one document of a ticket, with who may find it. */
export async function indexDocument(db: Db, dialect: Dialect, tenantId: string, d: SearchDocument): Promise<void> {
  const content = d.text.slice(0, 200_000);
  if (dialect === 'postgres') {
    await sql`insert into search_index (tenant_id, ticket_id, source_id, document, internal)
      values (${tenantId}, ${d.ticketId}, ${d.sourceId}, to_tsvector('simple', ${searchableText(content)}), ${d.internal})
      on conflict (tenant_id, source_id) do update set document = excluded.document, internal = excluded.internal`.execute(db);
    return;
  }
  const existing = d.isNew ? undefined : await db.selectFrom('search_docs').select('id')
    .where('tenant_id', '=', tenantId).where('source_id', '=', d.sourceId).executeTakeFirst();
  if (existing) {
    await db.updateTable('search_docs').set({ internal: d.internal }).where('id', '=', existing.id).execute();
    await sql`update search_index set content = ${content} where rowid = ${existing.id}`.execute(db);
    return;
  }
  const doc = await db.insertInto('search_docs').values({ tenant_id: tenantId, ticket_id: d.ticketId, source_id: d.sourceId, internal: d.internal })
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

/** The condition that keeps staff-only documents out of a public search. */
function audienceFilter(dialect: Dialect, audience: SearchAudience): RawBuilder<unknown> {
  if (audience === 'all') return sql``;
  return dialect === 'postgres' ? sql` and si.internal = false` : sql` and sd.internal = 0`;
}

/** A subquery of the ids of the tenant's tickets with a document the audience may read that contains every term. */
export function ticketIdsMatching(dialect: Dialect, tenantId: string, terms: string[], audience: SearchAudience): Expression<string> {
  const q = ftsQuery(dialect, terms);
  const only = audienceFilter(dialect, audience);
  if (dialect === 'postgres') {
    return sql<string>`(select si.ticket_id from search_index si
      where si.document @@ to_tsquery('simple', ${q}) and si.tenant_id = ${tenantId}${only})` as RawBuilder<string>;
  }
  return sql<string>`(select sd.ticket_id from search_index
      join search_docs sd on sd.id = search_index.rowid
      where search_index match ${q} and sd.tenant_id = ${tenantId}${only})` as RawBuilder<string>;
}

/**
 * The matching ticket ids when there are few (reading at most `maxDocuments` matching
 * documents), or null when there are more. Few matches are then looked up by id, which
 * is fast whatever their age; many matches are better found by walking recent tickets.
 */
export async function fewMatchingTicketIds(db: Db, dialect: Dialect, tenantId: string, terms: string[], audience: SearchAudience, maxDocuments: number): Promise<string[] | null> {
  const q = ftsQuery(dialect, terms);
  const only = audienceFilter(dialect, audience);
  const rows = dialect === 'postgres'
    ? await sql<{ ticket_id: string }>`select si.ticket_id from search_index si
        where si.document @@ to_tsquery('simple', ${q}) and si.tenant_id = ${tenantId}${only} limit ${maxDocuments}`.execute(db)
    : await sql<{ ticket_id: string }>`select sd.ticket_id from search_index
        join search_docs sd on sd.id = search_index.rowid
        where search_index match ${q} and sd.tenant_id = ${tenantId}${only} limit ${maxDocuments}`.execute(db);
  if (rows.rows.length >= maxDocuments) return null;
  return [...new Set(rows.rows.map((r) => r.ticket_id))];
}
