/**
 * Who may see and change which in-app notifications: a person, only their own, and, for
 * one about a ticket, only while they may still read it (the list and the detail use the
 * same rule: see user-notifications.repo.ts, visibleOf). Somebody else's notification is "not found".
 * Parley itself (jobs) writes them but never reads a person's list.
 */
import { requirePerson, type Acting, type Actor } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import { assertTicketing } from '../tickets/ticket.policy.ts';
import type { NotificationRow } from './user-notifications.repo.ts';

export type NotificationAction = 'list' | 'read' | 'preferences';

/** Answers the person who may act on their notifications; throws for anyone else (401/403), and 404 for a row that is not theirs. */
export function authorizeNotification(acting: Acting, action: NotificationAction, row?: NotificationRow): Actor {
  const actor = requirePerson(acting);
  if (action !== 'preferences') assertTicketing(actor);
  if (row && (row.user_id !== actor.id || row.tenant_id !== actor.tenantId)) throw new NotFoundError('notification');
  return actor;
}
