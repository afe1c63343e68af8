import type { ListedNotification, NotificationRow } from './user-notifications.repo.ts';

/** What a notification is about: a ticket, a mailbox (its name; null once deleted), the tenant's outgoing mail, or a webhook. */
function subjectOf(n: ListedNotification) {
  if (n.subject_type === 'mailbox') return { type: 'mailbox' as const, id: n.subject_id, name: n.mailbox_name };
  if (n.subject_type === 'outgoing_mail') return { type: 'outgoing_mail' as const, id: n.subject_id, name: null };
  if (n.subject_type === 'webhook') return { type: 'webhook' as const, id: n.subject_id, name: null };
  return { type: 'ticket' as const, id: n.subject_id, name: n.ticket_subject };
}

/**
 * A notification as the API shows it: what, about what (the ticket, with `ticket_id` and
 * `ticket`; or another subject, with both null), by whom, and whether it was read.
 */
export function presentNotification(n: ListedNotification) {
  const ticket = n.ticket_id ? { id: n.ticket_id, number: n.ticket_number ?? '', subject: n.ticket_subject ?? '' } : null;
  return {
    id: n.id,
    kind: n.kind,
    ticket_id: n.ticket_id,
    ticket,
    subject: subjectOf(n),
    actor: n.actor_id ? { id: n.actor_id, name: n.actor_name ?? '' } : null,
    created_at: String(n.created_at),
    read_at: n.read_at ? String(n.read_at) : null,
  };
}

/** The answer to "mark read": the notification's id and when it was read. */
export function presentReadState(n: NotificationRow) {
  return { id: n.id, read_at: n.read_at ? String(n.read_at) : null };
}
