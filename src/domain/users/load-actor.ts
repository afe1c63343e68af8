import type { Db } from '../../db/client.ts';
import { listUserDepartmentIds } from '../departments/departments.repo.ts';
import type { Actor } from '../shared/context.ts';
import type { UserRow } from './users.repo.ts';

/** Builds the acting person from their row: who they are and which departments they work in. */
export async function loadActor(db: Db, user: UserRow, scopes: string[] | null = null): Promise<Actor> {
  return {
    kind: 'user',
    id: user.id,
    tenantId: user.tenant_id,
    role: user.role,
    name: user.name,
    email: user.email,
    organisationId: user.organisation_id,
    canAccessTicketing: Boolean(user.can_access_ticketing),
    restrictedToDepartments: Boolean(user.restricted_to_departments),
    departmentIds: user.role === 'customer' ? [] : await listUserDepartmentIds(db, user.tenant_id, user.id),
    scopes,
  };
}
