/**
 * Full-text search over ticket subjects and message bodies: SQLite FTS5 or a
 * PostgreSQL tsvector with GIN. One document per source (a ticket's subject, a message).
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Dialect } from '../../db/dialect.ts';
import { searchableText } from './search-terms.ts';

export async function indexDocument(db: Db, dialect: Dialect, tenantId: string, ticketId: string, sourceId: string, text: string): Promise<void> {
  const content = text.slice(0, 200_000);
  if (dialect === 'postgres') {
    await sql`insert into search_index (tenant_id, ticket_id, source_id, document)
      values (${tenantId}, ${ticketId}, ${sourceId}, to_tsvector('simple', ${searchableText(content)}))
      on conflict (tenant_id, source_id) do update set document = excluded.document`.execute(db);
    return;
  }
  const existing = await db.selectFrom('search_docs').select('id')
    .where('tenant_id', '=', tenantId).where('source_id', '=', sourceId).executeTakeFirst();
  if (existing) {
    await sql`update search_index set content = ${content} where rowid = ${existing.id}`.execute(db);
    return;
  }
  const doc = await db.insertInto('search_docs').values({ tenant_id: tenantId, ticket_id: ticketId, source_id: sourceId })
    .returning('id').executeTakeFirstOrThrow();
  await sql`insert into search_index (rowid, content) values (${doc.id}, ${content})`.execute(db);
}

/** A subquery of the ids of the tenant's tickets whose documents contain every term. */
export function ticketIdsMatching(dialect: Dialect, tenantId: string, terms: string[]): Expression<string> {
  if (dialect === 'postgres') {
    const tsquery = terms.map((t) => `${t}:*`).join(' & ');
    return sql<string>`(select si.ticket_id from search_index si
      where si.document @@ to_tsquery('simple', ${tsquery}) and si.tenant_id = ${tenantId})` as RawBuilder<string>;
  }
  const match = terms.map((t) => `"${t}"*`).join(' ');
  return sql<string>`(select sd.ticket_id from search_index
      join search_docs sd on sd.id = search_index.rowid
      where search_index match ${match} and sd.tenant_id = ${tenantId})` as RawBuilder<string>;
}
