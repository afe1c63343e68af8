/** Satisfaction ratings (migration 025): one row per rated resolution; every lookup goes through the tenant. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { SatisfactionRatingsTable } from '../../db/schema.ts';

export type RatingRow = Selectable<SatisfactionRatingsTable>;

/** Inserts a rating; false when the resolution was rated already (the unique index decides, also between two racing requests). */
export async function insertRating(db: Db, row: Insertable<SatisfactionRatingsTable>): Promise<boolean> {
  const r = await db.insertInto('satisfaction_ratings').values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'ticket_id', 'resolved_at']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findRating(db: Db, tenantId: string, id: string): Promise<RatingRow | undefined> {
  return db.selectFrom('satisfaction_ratings').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findRatingOfResolution(db: Db, tenantId: string, ticketId: string, resolvedAt: string): Promise<RatingRow | undefined> {
  return db.selectFrom('satisfaction_ratings').selectAll().where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId)
    .where('resolved_at', '=', resolvedAt).executeTakeFirst();
}

/** Every rating of a ticket, newest resolution first. */
export async function listTicketRatings(db: Db, tenantId: string, ticketId: string): Promise<RatingRow[]> {
  return db.selectFrom('satisfaction_ratings').selectAll().where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId)
    .orderBy('resolved_at', 'desc').execute();
}
