/**
 * Who may see and change saved views of the ticket list: a person, only their own (an
 * agent's, an admin's or a customer's alike: a view is a bookmark of what they may list
 * anyway). Somebody else's view is "not found", even to an admin. Parley itself keeps none.
 */
import { requirePerson, type Acting, type Actor } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import { assertTicketing } from '../tickets/ticket.policy.ts';
import type { SavedViewRow } from './saved-views.repo.ts';

export type SavedViewAction = 'list' | 'create' | 'update' | 'delete' | 'count';

/** Answers the person who may act on their views; throws 401/403 for anyone else, and 404 for a view not theirs. */
export function authorizeSavedView(acting: Acting, _action: SavedViewAction, row?: Pick<SavedViewRow, 'tenant_id' | 'user_id'>): Actor {
  const actor = requirePerson(acting);
  assertTicketing(actor);
  if (row && (row.user_id !== actor.id || row.tenant_id !== actor.tenantId)) throw new NotFoundError('view');
  return actor;
}
