/** The link tokens of resolution mails, by their hash (migration 027); every lookup goes through the tenant. */
import type { Db } from '../../db/client.ts';
import type { ResolutionLinksTable } from '../../db/schema.ts';

export type ResolutionLinkRow = ResolutionLinksTable;

export async function insertResolutionLink(db: Db, row: ResolutionLinkRow): Promise<void> {
  await db.insertInto('resolution_links').values(row).execute();
}

export async function findResolutionLink(db: Db, tenantId: string, tokenHash: string): Promise<ResolutionLinkRow | undefined> {
  return db.selectFrom('resolution_links').selectAll().where('tenant_id', '=', tenantId).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The newest link of a ticket's resolution: which survey (if any) its mail offered. */
export async function findLinkOfResolution(db: Db, tenantId: string, ticketId: string, resolvedAt: string): Promise<ResolutionLinkRow | undefined> {
  return db.selectFrom('resolution_links').selectAll().where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId)
    .where('resolved_at', '=', resolvedAt).orderBy('created_at', 'desc').executeTakeFirst();
}

export async function deleteResolutionLink(db: Db, tenantId: string, tokenHash: string): Promise<void> {
  await db.deleteFrom('resolution_links').where('tenant_id', '=', tenantId).where('token_hash', '=', tokenHash).execute();
}
