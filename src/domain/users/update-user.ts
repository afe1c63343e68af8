import type { Role } from '../../db/schema.ts';
import { endSignIns } from '../auth/end-sign-ins.ts';
import { replaceUserDepartments } from '../departments/departments.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { findOrganisationById } from '../organisations/organisations.repo.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { checkDepartmentIds } from './check-department-ids.ts';
import { authorizeUser } from './user.policy.ts';
import { countUsersByRole, findUserById, updateUserRow, type UserRow } from './users.repo.ts';

export interface UpdateUserProps {
  name?: string;
  role?: Role;
  organisationId?: string | null;
  departmentIds?: number[];
  restrictedToDepartments?: boolean;
  canAccessTicketing?: boolean;
  isActive?: boolean;
  language?: string | null;
  /** Skipped by automatic assignment; agents and admins set their own (docs/assignment.md). */
  away?: boolean;
}

/** Changes an account (admins); a person may change only their own name, language and away flag. */
export async function updateUser(ctx: Ctx, id: string, props: UpdateUserProps): Promise<UserRow> {
  authorizeUser(ctx.actor, 'update', { id, fields: Object.keys(props) });
  return inTransaction(ctx, async (tx) => {
    const user = await findUserById(tx.db, tx.tenantId, id);
    if (!user) throw new NotFoundError('user');
    if (props.name !== undefined && !props.name.trim()) throw ValidationError.field('name', 'must not be empty');
    if (props.away && (props.role ?? user.role) === 'customer') throw ValidationError.field('away', 'only agents and admins can be away');
    if (props.organisationId && !(await findOrganisationById(tx.db, tx.tenantId, props.organisationId))) {
      throw ValidationError.field('organisation', 'unknown organisation');
    }
    const demotes = user.role === 'admin' && ((props.role && props.role !== 'admin') || props.isActive === false);
    if (demotes && (await countUsersByRole(tx.db, tx.tenantId, 'admin')) <= 1) {
      throw new ConflictError('The last admin of a tenant cannot be demoted or deactivated.');
    }
    const departmentIds = props.departmentIds && await checkDepartmentIds(tx, props.departmentIds);
    const revokes = props.isActive === false || (props.role !== undefined && props.role !== user.role);
    await updateUserRow(tx.db, tx.tenantId, id, {
      ...(props.name !== undefined && { name: props.name.trim() }),
      ...(props.role !== undefined && { role: props.role }),
      ...(props.organisationId !== undefined && { organisation_id: props.organisationId }),
      ...(props.restrictedToDepartments !== undefined && { restricted_to_departments: props.restrictedToDepartments }),
      ...(props.canAccessTicketing !== undefined && { can_access_ticketing: props.canAccessTicketing }),
      ...(props.isActive !== undefined && { is_active: props.isActive }),
      ...(props.language !== undefined && { language: props.language }),
      ...(props.away !== undefined && { is_away: props.away }),
      ...(revokes && { token_version: user.token_version + 1 }),
      updated_at: nowIso(),
    });
    if (departmentIds) await replaceUserDepartments(tx.db, tx.tenantId, id, departmentIds);
    // Deleted and revoked, not filtered by is_active: reactivation must not revive them.
    if (props.isActive === false) await endSignIns(tx.db, tx.tenantId, id, { reason: 'deactivated', everything: true });
    await recordEvent(tx, { name: 'user.updated', subjectType: 'user', subjectId: id, payload: { changes: { ...props } } });
    return (await findUserById(tx.db, tx.tenantId, id))!;
  });
}
