import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
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
