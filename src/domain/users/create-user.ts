import type { Role } from '../../db/schema.ts';
import { replaceUserDepartments } from '../departments/departments.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { findOrganisationByDomain, findOrganisationById } from '../organisations/organisations.repo.ts';
import { newId, nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError, ValidationError } from '../shared/errors.ts';
import { normalizeEmail } from '../shared/text.ts';
import { inTransaction } from '../shared/transaction.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { findUserByEmail, findUserById, insertUser, type UserRow } from './users.repo.ts';
import { checkDepartmentIds } from './check-department-ids.ts';
import { authorizeUser } from './user.policy.ts';

export interface CreateUserProps {
  email: string;
  name?: string;
  role: Role;
  password?: string;
  organisationId?: string | null;
  departmentIds?: number[];
  restrictedToDepartments?: boolean;
  canAccessTicketing?: boolean;
  language?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Creates an account. Admins create any role; agents may create customers (a requester
 * named by address); a customer with no organisation joins the one owning its mail domain.
 */
export async function createUser(ctx: Ctx, props: CreateUserProps): Promise<UserRow> {
  authorizeUser(ctx.actor, 'create', { role: props.role });
  const email = normalizeEmail(props.email);
  if (!EMAIL.test(email) || email.length > 254) throw ValidationError.field('email', 'must be an email address');
  if (props.password !== undefined) checkPasswordStrength(props.password);
  const passwordHash = props.password !== undefined ? await hashPassword(props.password) : null;
  return inTransaction(ctx, async (tx) => {
    if (await findUserByEmail(tx.db, tx.tenantId, email)) throw new ConflictError(`An account for ${email} exists already.`);
    let organisationId = props.organisationId ?? null;
    if (organisationId && !(await findOrganisationById(tx.db, tx.tenantId, organisationId))) {
      throw ValidationError.field('organisation', 'unknown organisation');
    }
    if (!organisationId && props.organisationId === undefined && props.role === 'customer') {
      organisationId = (await findOrganisationByDomain(tx.db, tx.tenantId, email.split('@')[1]))?.id ?? null;
    }
    const departmentIds = await checkDepartmentIds(tx, props.departmentIds ?? []);
    const id = newId();
    const now = nowIso();
    await insertUser(tx.db, {
      id, tenant_id: tx.tenantId, email,
      name: props.name?.trim() || email.split('@')[0],
      role: props.role,
      password_hash: passwordHash,
      can_access_ticketing: props.canAccessTicketing ?? true,
      restricted_to_departments: props.restrictedToDepartments ?? false,
      organisation_id: organisationId,
      language: props.language ?? null,
      created_at: now, updated_at: now,
    });
    if (props.role !== 'customer') await replaceUserDepartments(tx.db, tx.tenantId, id, departmentIds);
    await recordEvent(tx, { name: 'user.created', subjectType: 'user', subjectId: id, payload: { email, role: props.role } });
    return (await findUserById(tx.db, tx.tenantId, id))!;
  });
}
