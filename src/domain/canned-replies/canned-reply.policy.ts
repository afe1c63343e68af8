/**
 * Who may see and change canned replies. Staff only (customers never: 403). A personal one
 * (owner set) is its owner's alone: anyone else gets "not found", admins too. A shared one
 * (no owner) is seen by admins, and by agents who see its department's tickets (all of them
 * unless limited to departments; one for every department by all); only admins change it.
 */
import type { Acting } from '../shared/context.ts';
import { isPerson, isStaff } from '../shared/context.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';

export type CannedReplyAction = 'list' | 'create' | 'read' | 'change';

/** What the policy needs of a canned reply (a row, or what a create asks for). */
export interface CannedReplyScope { owner_id: string | null; department_id: number | null }

/** Whether a shared reply of this department is offered to the actor. */
function seesDepartment(actor: Acting, departmentId: number | null): boolean {
  if (!isPerson(actor)) return false;
  if (actor.role === 'admin' || departmentId === null || !actor.restrictedToDepartments) return true;
  return actor.departmentIds.includes(departmentId);
}

/** Whether the actor may see this canned reply at all. */
export function canSeeCannedReply(actor: Acting, r: CannedReplyScope): boolean {
  if (!isStaff(actor) || !isPerson(actor)) return false;
  return r.owner_id !== null ? r.owner_id === actor.id : seesDepartment(actor, r.department_id);
}

/** Whether the actor may change (or delete) a canned reply it sees: its own, or a shared one as an admin. */
export const canChangeCannedReply = (actor: Acting, r: CannedReplyScope): boolean =>
  canSeeCannedReply(actor, r) && isPerson(actor) && (r.owner_id === actor.id || (r.owner_id === null && actor.role === 'admin'));

/** Throws ForbiddenError (403) or NotFoundError (a reply the actor may not see) unless allowed. */
export function authorizeCannedReply(actor: Acting, action: CannedReplyAction, r?: CannedReplyScope): void {
  if (!isStaff(actor)) throw new ForbiddenError('Only agents and admins can use canned replies.');
  if (action === 'list') return;
  if (action === 'create') {
    if (r?.owner_id === null && !(isPerson(actor) && actor.role === 'admin')) throw new ForbiddenError('Only admins can create shared canned replies.');
    return;
  }
  if (!r || !canSeeCannedReply(actor, r)) throw new NotFoundError('canned reply');
  if (action === 'change' && !canChangeCannedReply(actor, r)) throw new ForbiddenError('Only admins can change shared canned replies.');
}
