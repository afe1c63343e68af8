import { recordEvents } from '../events/record-event.ts';
import { newId, nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import type { NotificationKind } from './notification-kinds.ts';
import { insertNotifications } from './user-notifications.repo.ts';

/** What a notification not about a ticket is about: a mailbox, or the tenant's outgoing mail. */
export interface NotificationSubject { type: 'mailbox' | 'outgoing_mail' | 'webhook'; id: string }

export interface RecordNotificationsProps {
  eventId: number;
  kind: NotificationKind;
  /** The ticket it is about; null (with `subject`) for a notification about something else. */
  ticketId: string | null;
  subject?: NotificationSubject;
  /** Who caused it: never told of their own doing. */
  actorId: string | null;
  userIds: readonly string[];
}

/** The columns saying what a notification is about: its ticket, else the subject given. */
function subjectOf(p: RecordNotificationsProps) {
  if (p.ticketId) return { ticket_id: p.ticketId };
  if (!p.subject) throw new Error(`notification ${p.kind} is about nothing: give a ticket or a subject`);
  return { ticket_id: null, subject_type: p.subject.type, subject_id: p.subject.id };
}

/**
 * Writes one in-app notification per person in the caller's transaction, in one insert,
 * and a `notification.created` event for each (the live stream pushes it to that person
 * alone). A person already told of this event is skipped, so a retried job tells nobody
 * twice. Answers the ids of the people told now.
 */
export async function recordNotifications(tx: Ctx, p: RecordNotificationsProps): Promise<Set<string>> {
  const userIds = [...new Set(p.userIds)].filter((id) => id !== p.actorId);
  const at = nowIso();
  const about = subjectOf(p);
  const inserted = await insertNotifications(tx.db, tx.tenantId, userIds.map((userId) => ({
    id: newId(), user_id: userId, kind: p.kind, ...about, actor_id: p.actorId, event_id: p.eventId, created_at: at,
  })));
  await recordEvents(tx, inserted.map((n) => ({
    name: 'notification.created', subjectType: 'user', subjectId: n.user_id,
    payload: { notification_id: n.id, kind: n.kind, ticket_id: n.ticket_id },
  })));
  return new Set(inserted.map((n) => n.user_id));
}
