/** The notifications and notification_preferences tables (migration 009). Every function takes the tenant first. */
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Database, NotificationsTable } from '../../db/schema.ts';
import type { Actor } from '../shared/context.ts';
import { visibleTickets, type VisibilityOptions } from '../tickets/ticket.policy.ts';

export type NotificationRow = Selectable<NotificationsTable>;
/** A row to insert: about a ticket (`ticket_id`; the subject columns then default to it), or about a subject. */
export type NewNotification = { id: string; user_id: string; kind: string; actor_id: string | null; event_id: number; created_at: string }
  & ({ ticket_id: string; subject_type?: 'ticket'; subject_id?: string } | { ticket_id: null; subject_type: string; subject_id: string });

/** A notification as listed: with the ticket's number and subject (null: not about a ticket), the mailbox's name, the actor's name. */
export type ListedNotification = NotificationRow & {
  ticket_number: string | null; ticket_subject: string | null; mailbox_name: string | null; actor_name: string | null;
};

/**
 * Inserts the rows in one statement; a row whose (user, event) exists already is skipped.
 * Answers the rows actually inserted, so a rerun of the same event inserts (and tells) nobody.
 */
export async function insertNotifications(db: Db, tenantId: string, rows: NewNotification[]): Promise<NewNotification[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insertInto('notifications')
    .values(rows.map((r) => ({ ...r, subject_type: r.subject_type ?? 'ticket', subject_id: r.subject_id ?? r.ticket_id ?? '', tenant_id: tenantId, read_at: null })))
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'event_id']).doNothing())
    .returning('id')
    .execute();
  const ids = new Set(inserted.map((r) => r.id));
  return rows.filter((r) => ids.has(r.id));
}

export interface NotificationFilter { beforeId?: string; unread?: boolean; limit: number }

/** A person's notifications (about tickets: those they may still read), newest first (UUIDv7 ids are time-ordered). */
export async function listUserNotifications(db: Db, tenantId: string, actor: Actor, opts: VisibilityOptions, f: NotificationFilter): Promise<ListedNotification[]> {
  let q = visibleOf(db, tenantId, actor, opts)
    .leftJoin('users as actors', (j) => j.onRef('actors.tenant_id', '=', 'notifications.tenant_id').onRef('actors.id', '=', 'notifications.actor_id'))
    .leftJoin('mailboxes', (j) => j.onRef('mailboxes.tenant_id', '=', 'notifications.tenant_id').onRef('mailboxes.id', '=', 'notifications.subject_id')
      .on('notifications.subject_type', '=', 'mailbox'))
    .selectAll('notifications')
    .select(['tickets.number as ticket_number', 'tickets.subject as ticket_subject', 'mailboxes.name as mailbox_name', 'actors.name as actor_name']);
  if (f.unread) q = q.where('notifications.read_at', 'is', null);
  if (f.beforeId) q = q.where('notifications.id', '<', f.beforeId);
  return q.orderBy('notifications.id', 'desc').limit(f.limit).execute();
}

/** How many of a person's notifications (about tickets: those they may read) are unread. */
export async function countUnreadNotifications(db: Db, tenantId: string, actor: Actor, opts: VisibilityOptions): Promise<number> {
  const row = await visibleOf(db, tenantId, actor, opts).where('notifications.read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One of a person's notifications, if it is theirs and, about a ticket, the ticket is one they may read. */
export async function findUserNotification(db: Db, tenantId: string, actor: Actor, opts: VisibilityOptions, id: string): Promise<NotificationRow | undefined> {
  return visibleOf(db, tenantId, actor, opts).selectAll('notifications').where('notifications.id', '=', id).executeTakeFirst();
}

/** Marks the named notifications of a person read (those already read keep their time). */
export async function markNotificationsRead(db: Db, tenantId: string, userId: string, at: string, ids?: string[]): Promise<number> {
  if (ids && ids.length === 0) return 0;
  let q = db.updateTable('notifications').set({ read_at: at })
    .where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The stored mail preferences of some people (JSON), by user id; a person who never chose has none. */
export async function findMailPreferenceRows(db: Db, tenantId: string, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('notification_preferences').select(['user_id', 'email'])
    .where('tenant_id', '=', tenantId).where('user_id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.user_id, r.email]));
}

/** Stores a person's mail preferences (the whole object). */
export async function saveMailPreferenceRow(db: Db, tenantId: string, userId: string, email: string, at: string): Promise<void> {
  await db.insertInto('notification_preferences').values({ tenant_id: tenantId, user_id: userId, email, updated_at: at })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ email, updated_at: at }))
    .execute();
}

/**
 * A person's notifications: those about a ticket joined to it, kept only if they may read
 * it (a deleted ticket: not kept); those about anything else (ticket_id null), kept.
 */
function visibleOf(db: Db, tenantId: string, actor: Actor, opts: VisibilityOptions) {
  // The ticket rule reads the ticket's columns, which the left join makes nullable; it is applied only where one joined.
  const ticketRule = visibleTickets(actor, opts) as unknown as (eb: ExpressionBuilder<Database, 'notifications'>) => ReturnType<ReturnType<typeof visibleTickets>>;
  return db.selectFrom('notifications')
    .leftJoin('tickets', (j) => j.onRef('tickets.tenant_id', '=', 'notifications.tenant_id').onRef('tickets.id', '=', 'notifications.ticket_id'))
    .where('notifications.tenant_id', '=', tenantId)
    .where('notifications.user_id', '=', actor.id)
    .where((eb) => eb.or([
      eb('notifications.ticket_id', 'is', null),
      eb.and([eb('tickets.id', 'is not', null), ticketRule(eb)]),
    ]));
}
