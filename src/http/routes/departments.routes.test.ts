import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import { updateDepartment } from '../../domain/departments/update-department.ts';
import { changeTenantDomains } from '../../domain/tenants/change-tenant-domains.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  // The world has two tenants, so admins may claim queue addresses only under their operator-assigned domains.
  await changeTenantDomains(t.rt, 'default', { add: ['example.com'] });
  await changeTenantDomains(t.rt, 'other', { add: ['beta.test'] });
  await updateDepartment(t.rt.systemCtx(w.otherTenantId), 1, { addresses: ['support@beta.test'] });
});
afterAll(async () => stopApiTest({ t, app }));

describe('/tickets/api/departments/', () => {
  it("lists the seed's shape: a plain array of {id, name, slug}", async () => {
    const res = await api(app, w.customer.token).get('/tickets/api/departments/');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { id: 1, name: 'Soporte Técnico', slug: 'soporte-tecnico' },
      { id: w.salesDepartmentId, name: 'Ventas', slug: 'ventas' },
    ]);
    const staff = await api(app, w.agent.token).get('/tickets/api/departments/');
    expect(staff.body[1]).toMatchObject({ addresses: ['ventas@example.com'], default_status: 'new' });
    const other = await api(app, w.otherAdmin.token).get('/tickets/api/departments/');
    expect(other.body.map((d: { name: string }) => d.name)).toEqual(['Suporte Técnico']);
  });

  it('lets admins create and change departments, with the next integer id', async () => {
    const res = await api(app, w.admin.token).post('/tickets/api/departments/', { name: 'Facturación', addresses: ['Billing@Example.com'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: 3, name: 'Facturación', slug: 'facturacion', addresses: ['billing@example.com'] });
    const patched = await api(app, w.admin.token).patch('/tickets/api/departments/3/', { default_priority: 'high', default_owner: w.agent.user.id });
    expect(patched.body).toMatchObject({ default_priority: 'high', default_owner: w.agent.user.id });
    expect((await api(app, w.agent.token).get('/tickets/api/departments/3/')).body.name).toBe('Facturación');
  });

  it('refuses other roles, clashes, bad input and other tenants', async () => {
    expect((await api(app, w.agent.token).post('/tickets/api/departments/', { name: 'X' })).status).toBe(403);
    expect((await api(app, w.customer.token).patch('/tickets/api/departments/1/', { name: 'X' })).status).toBe(403);
    expect((await api(app, w.admin.token).post('/tickets/api/departments/', { name: 'Ventas' })).status).toBe(409);
    expect((await api(app, w.admin.token).post('/tickets/api/departments/', { name: 'Otra', addresses: ['ventas@example.com'] })).status).toBe(409);
    const bad = await api(app, w.admin.token).post('/tickets/api/departments/', { name: '', default_status: 'sleeping' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['default_status', 'name']);
    expect((await api(app, w.admin.token).patch('/tickets/api/departments/1/', { default_owner: w.customer.user.id })).status).toBe(422);
    expect((await api(app, w.otherAdmin.token).get(`/tickets/api/departments/${w.salesDepartmentId}/`)).status).toBe(404);
    expect((await api(app, w.otherAdmin.token).patch(`/tickets/api/departments/${w.salesDepartmentId}/`, { name: 'Mine' })).status).toBe(404);
    expect((await api(app).get('/tickets/api/departments/')).status).toBe(401);
  });
});

describe('queue addresses belong to one tenant', () => {
  const addressesOf = async (tenantId: string, address: string) => (await t.rt.db.selectFrom('department_addresses')
    .select(['tenant_id', 'department_id']).where('address', '=', address).execute()).filter((r) => r.tenant_id === tenantId);

  it("answers 409 to an admin claiming another tenant's address, and changes nothing", async () => {
    const before = (await api(app, w.admin.token).get(`/tickets/api/departments/${w.salesDepartmentId}/`)).body;
    const res = await api(app, w.admin.token).patch(`/tickets/api/departments/${w.salesDepartmentId}/`, { addresses: ['Support@Beta.test'] });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 409, detail: expect.stringContaining('support@beta.test is already a queue address of another helpdesk') });
    expect(res.body.detail).not.toContain('Suporte');
    expect((await api(app, w.admin.token).get(`/tickets/api/departments/${w.salesDepartmentId}/`)).body).toEqual(before);
    const created = await api(app, w.admin.token).post('/tickets/api/departments/', { name: 'Robada', addresses: ['support@beta.test'] });
    expect(created.status).toBe(409);
    expect((await api(app, w.admin.token).get('/tickets/api/departments/')).body.map((d: { name: string }) => d.name)).not.toContain('Robada');
    expect(await addressesOf(w.tenantId, 'support@beta.test')).toEqual([]);
    expect(await addressesOf(w.otherTenantId, 'support@beta.test')).toHaveLength(1);
  });

  it("answers 409 within a tenant too, and lets a department keep its own addresses", async () => {
    const res = await api(app, w.admin.token).patch('/tickets/api/departments/1/', { addresses: ['ventas@example.com'] });
    expect(res.status).toBe(409);
    const same = await api(app, w.admin.token).patch(`/tickets/api/departments/${w.salesDepartmentId}/`, { addresses: ['ventas@example.com', 'presupuestos@example.com'] });
    expect(same.status).toBe(200);
    expect(same.body.addresses).toEqual(['presupuestos@example.com', 'ventas@example.com']);
  });

  it('lets admins of a hosted install claim only addresses under their assigned domains and subdomains', async () => {
    const outside = await api(app, w.admin.token).patch('/tickets/api/departments/1/', { addresses: ['help@unassigned.example', 'x@notexample.com'] });
    expect(outside.status).toBe(422);
    expect(outside.body.errors).toEqual([
      { field: 'addresses', message: expect.stringContaining('"help@unassigned.example" is not under a domain assigned to this helpdesk') },
      { field: 'addresses', message: expect.stringContaining('"x@notexample.com" is not under') },
    ]);
    const ok = await api(app, w.admin.token).patch('/tickets/api/departments/1/', { addresses: ['soporte@example.com', 'ayuda@mail.example.com'] });
    expect(ok.status).toBe(200);
    // Another tenant's admin cannot claim an unclaimed address under this tenant's domain either.
    const theirs = await api(app, w.otherAdmin.token).patch('/tickets/api/departments/1/', { addresses: ['nuevo@example.com'] });
    expect(theirs.status).toBe(422);
    expect((await api(app, w.otherAdmin.token).patch('/tickets/api/departments/1/', { addresses: ['ajuda@beta.test'] })).status).toBe(200);
  });

  it('answers 409, never 500, when two tenants claim one address at the same moment', async () => {
    await changeTenantDomains(t.rt, 'other', { add: ['shared-race.example'] });
    await changeTenantDomains(t.rt, 'default', { add: ['race.example'] });
    // Each tenant may claim its own domain; the operator path (no actor) may claim anything: race through it.
    const system = (tenantId: string) => t.rt.systemCtx(tenantId);
    const results = await Promise.allSettled([
      updateDepartment(system(w.tenantId), 1, { addresses: ['race@shared-race.example'] }),
      updateDepartment(system(w.otherTenantId), 1, { addresses: ['race@shared-race.example'] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409 });
    const rows = await t.rt.db.selectFrom('department_addresses').select('tenant_id').where('address', '=', 'race@shared-race.example').execute();
    expect(rows).toHaveLength(1);
  });
});

describe('/tickets/api/tags/', () => {
  it('lists tags; staff create, admins delete', async () => {
    const created = await api(app, w.agent.token).post('/tickets/api/tags/', { name: 'Facturación' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'facturación', slug: 'facturacion' });
    await api(app, w.agent.token).post('/tickets/api/tickets/', { subject: 's', messages: [{ body: 'b' }], tags: ['dns', 'facturación'] });
    const list = await api(app, w.customer.token).get('/tickets/api/tags/');
    expect(list.body.map((t: { name: string }) => t.name)).toEqual(['dns', 'facturación']);
    expect(list.body[0].ticket_count).toBeUndefined();
    const staffList = await api(app, w.agent.token).get('/tickets/api/tags/');
    expect(staffList.body[0].ticket_count).toBe(1);
    expect((await api(app, w.customer.token).post('/tickets/api/tags/', { name: 'x' })).status).toBe(403);
    expect((await api(app, w.agent.token).delete(`/tickets/api/tags/${created.body.id}/`)).status).toBe(403);
    expect((await api(app, w.otherAdmin.token).delete(`/tickets/api/tags/${created.body.id}/`)).status).toBe(404);
    expect((await api(app, w.admin.token).delete(`/tickets/api/tags/${created.body.id}/`)).status).toBe(204);
    expect((await api(app, w.admin.token).get('/tickets/api/tags/')).body.map((t: { name: string }) => t.name)).toEqual(['dns']);
    expect((await api(app, w.agent.token).post('/tickets/api/tags/', { name: 'x'.repeat(60) })).status).toBe(422);
    expect((await api(app).get('/tickets/api/tags/')).status).toBe(401);
    expect((await api(app, w.otherAdmin.token).get('/tickets/api/tags/')).body).toEqual([]);
  });
});

describe('health and API description', () => {
  it('answers /healthz, /readyz and the OpenAPI document', async () => {
    expect((await api(app).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await api(app).get('/readyz')).body).toMatchObject({ status: 'ready' });
    const doc = await api(app).get('/tickets/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining([
      '/tickets/api/tickets/', '/tickets/api/tickets/{id}/', '/tickets/api/tickets/{id}/reply/', '/tickets/api/departments/', '/tickets/api/tags/', '/tickets/api/auth/token/',
    ]));
    expect(doc.body.paths['/tickets/api/tickets/'].post.requestBody.content['application/json'].schema).toBeDefined();
    const docs = await app.inject({ method: 'GET', url: '/tickets/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers unknown routes with problem+json', async () => {
    const res = await api(app, w.admin.token).get('/tickets/api/nothing-here/');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found', request_id: expect.any(String) });
  });
});
