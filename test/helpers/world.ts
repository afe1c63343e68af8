/**
 * A populated helpdesk for route tests: the default tenant with an admin, an agent, an
 * agent limited to department 2, two customers of one organisation and one outside it,
 * and a second tenant with its own admin and customer, each with an access token.
 */
import { startTokenFamily } from '../../src/domain/auth/token-pairs.ts';
import { createDepartment } from '../../src/domain/departments/create-department.ts';
import { saveOrganisation } from '../../src/domain/organisations/save-organisation.ts';
import { createTenant } from '../../src/domain/tenants/create-tenant.ts';
import { createUser, type CreateUserProps } from '../../src/domain/users/create-user.ts';
import type { UserRow } from '../../src/domain/users/users.repo.ts';
import type { Runtime } from '../../src/runtime.ts';

export interface Person { user: UserRow; token: string }

/** Signs an account in for the API as POST /auth/token/ would (a token family of its own); answers the pair. */
export async function signInAs(rt: Runtime, user: UserRow) {
  return startTokenFamily(rt.systemCtx(user.tenant_id), rt.jwt, user);
}

/** An access token for an account, for tests that need one quickly. */
export async function accessTokenFor(rt: Runtime, user: UserRow): Promise<string> {
  return (await signInAs(rt, user)).access;
}

export interface World {
  tenantId: string;
  otherTenantId: string;
  admin: Person; agent: Person; restrictedAgent: Person;
  customer: Person; colleague: Person; stranger: Person;
  otherAdmin: Person; otherCustomer: Person;
  salesDepartmentId: number;
  organisationId: string;
}

export async function buildWorld(rt: Runtime): Promise<World> {
  const tenantId = rt.defaultTenantId;
  const system = rt.systemCtx(tenantId);
  const sales = await createDepartment(system, { name: 'Ventas', addresses: ['ventas@example.com'] });
  const org = await saveOrganisation(system, null, { name: 'Acme', domains: ['acme.example'] });
  const person = async (tid: string, props: CreateUserProps): Promise<Person> => {
    const user = await createUser(rt.systemCtx(tid), props);
    return { user, token: await accessTokenFor(rt, user) };
  };
  const other = await createTenant(rt, { name: 'Other Co', slug: 'other', language: 'pt' });
  return {
    tenantId,
    otherTenantId: other.id,
    admin: await person(tenantId, { email: 'admin@example.com', name: 'Ada Admin', role: 'admin' }),
    agent: await person(tenantId, { email: 'agent@example.com', name: 'Alex Agent', role: 'agent', departmentIds: [1] }),
    restrictedAgent: await person(tenantId, { email: 'sales@example.com', name: 'Sam Sales', role: 'agent', departmentIds: [sales.id], restrictedToDepartments: true }),
    customer: await person(tenantId, { email: 'carla@acme.example', name: 'Carla Customer', role: 'customer' }),
    colleague: await person(tenantId, { email: 'colin@acme.example', name: 'Colin Colleague', role: 'customer' }),
    stranger: await person(tenantId, { email: 'sue@elsewhere.example', name: 'Sue Stranger', role: 'customer' }),
    otherAdmin: await person(other.id, { email: 'admin@other.example', name: 'Otto Admin', role: 'admin' }),
    otherCustomer: await person(other.id, { email: 'carla@acme.example', name: 'Carla Elsewhere', role: 'customer' }),
    salesDepartmentId: sales.id,
    organisationId: org.id,
  };
}
