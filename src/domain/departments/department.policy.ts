/**
 * Who may see and change departments. Everyone signed in sees the active ones; staff see
 * inactive ones and the queue addresses too; an inactive department is "not found" to a
 * customer. Admins (and the system actor) create and change them.
 */
import { isStaff, type Acting } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import { requireAdmin } from '../shared/require-admin.ts';
import type { DepartmentRow } from './departments.repo.ts';

export type DepartmentAction = 'read' | 'create' | 'update';

/** Throws ForbiddenError, or NotFoundError for a department the actor may not see. */
export function authorizeDepartment(actor: Acting, action: DepartmentAction, department?: DepartmentRow): void {
  if (action === 'read') {
    if (department && !isStaff(actor) && !department.is_active) throw new NotFoundError('department');
  } else if (action === 'create') requireAdmin(actor, 'Only admins can create departments.', true);
  else requireAdmin(actor, 'Only admins can change departments.', true);
}

/** The list filter: the departments of a list the actor may see. */
export const visibleDepartment = (actor: Acting) => (d: DepartmentRow): boolean => isStaff(actor) || Boolean(d.is_active);

/** Queue addresses are for staff only. */
export const canSeeDepartmentAddresses = (actor: Acting): boolean => isStaff(actor);
