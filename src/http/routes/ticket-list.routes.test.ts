import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
const ids: Record<string, string> = {};

const create = async (token: string, name: string, body: Record<string, unknown>) => {
  const res = await api(app, token).post('/tickets/api/tickets/', { department: 1, ...body });
  expect(res.status).toBe(201);
  ids[name] = res.body.id;
  return res.body;
};

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  await create(w.customer.token, 'billing', { subject: 'Duda de facturación', priority: 'high', messages: [{ body: 'La factura de marzo está duplicada.' }] });
  await create(w.customer.token, 'dns', { subject: 'DNS no resuelve', priority: 'low', messages: [{ body: 'El dominio ejemplo.com no resuelve desde ayer.' }] });
  await create(w.stranger.token, 'ssl', { subject: 'Certificado SSL caducado', priority: 'high', messages: [{ body: 'El certificado de la tienda caducó; los clientes ven un aviso.' }] });
  await create(w.agent.token, 'sales', { subject: 'Presupuesto VPS', department: w.salesDepartmentId, priority: 'medium', requester: { email: 'lead@prospect.example' }, tags: ['vps'], messages: [{ body: 'Quieren 3 servidores con copias de seguridad.' }] });
  await api(app, w.agent.token).patch(`/tickets/api/tickets/${ids.billing}/`, { status: 'open', assignee: w.agent.user.id, tags: ['facturación'] });
  await api(app, w.agent.token).post(`/tickets/api/tickets/${ids.dns}/reply/`, { body: 'Revisamos la zona: faltaba el registro AAAA.' });
});
afterAll(async () => stopApiTest({ t, app }));

const list = async (token: string, query: string) => {
  const res = await api(app, token).get(`/tickets/api/tickets/${query}`);
  expect(res.status).toBe(200);
  return (res.body.results as Array<{ id: string }>).map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0] ?? r.id);
};

describe('GET /tickets/api/tickets/ filters (seed 000)', () => {
  it('filters by status and priority as the seed does', async () => {
    expect(await list(w.admin.token, '?status=open&priority=high')).toEqual(['billing']);
    expect((await list(w.admin.token, '?priority=high')).sort()).toEqual(['billing', 'ssl']);
    expect((await list(w.admin.token, '?status=new,open')).sort()).toEqual(['billing', 'dns', 'sales', 'ssl']);
  });

  it('finds a ticket by its number', async () => {
    const billing = (await api(app, w.admin.token).get(`/tickets/api/tickets/${ids.billing}/`)).body;
    expect(await list(w.admin.token, `?search=${billing.number}`)).toEqual(['billing']);
    expect(await list(w.admin.token, `?search=${billing.number.toLowerCase()}`)).toEqual(['billing']);
  });

  it('searches subjects and bodies, accent-insensitively', async () => {
    expect(await list(w.admin.token, '?search=facturacion')).toEqual(['billing']);
    expect(await list(w.admin.token, '?search=FACTURA')).toEqual(['billing']);
    expect(await list(w.admin.token, '?search=registro%20aaaa')).toEqual(['dns']);
    expect(await list(w.admin.token, '?search=caducó')).toEqual(['ssl']);
    expect(await list(w.admin.token, '?search=servidores%20copias')).toEqual(['sales']);
    expect(await list(w.admin.token, '?search=nada%20de%20esto%20existe')).toEqual([]);
    expect(await list(w.admin.token, '?search=%22%27*()')).toEqual([]);
  });

  it('filters by department, assignee, requester, organisation, tag and dates', async () => {
    expect(await list(w.admin.token, `?department=${w.salesDepartmentId}`)).toEqual(['sales']);
    expect(await list(w.admin.token, '?department=ventas')).toEqual(['sales']);
    expect(await list(w.agent.token, '?assignee=me')).toEqual(['billing']);
    expect((await list(w.admin.token, '?assignee=none')).sort()).toEqual(['dns', 'sales', 'ssl']);
    expect((await list(w.admin.token, '?requester=carla@acme.example')).sort()).toEqual(['billing', 'dns']);
    expect((await list(w.admin.token, `?organisation=${w.organisationId}`)).sort()).toEqual(['billing', 'dns']);
    expect(await list(w.admin.token, '?tag=facturación')).toEqual(['billing']);
    expect(await list(w.admin.token, '?created_after=2000-01-01&created_before=2000-12-31')).toEqual([]);
    expect((await list(w.admin.token, '?created_after=2000-01-01')).length).toBe(4);
  });

  it('sorts and pages with a cursor, each row once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api(app, w.admin.token).get(`/tickets/api/tickets/?limit=1&sort=created_at${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.results.map((r: { id: string }) => r.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([ids.billing, ids.dns, ids.ssl, ids.sales]);
    const newest = await list(w.admin.token, '?sort=-updated_at&limit=2');
    expect(newest).toEqual(['dns', 'billing']);
    expect((await api(app, w.admin.token).get('/tickets/api/tickets/?cursor=garbage')).status).toBe(422);
  });

  it('shows each actor only what the detail endpoint would', async () => {
    expect((await list(w.customer.token, '')).sort()).toEqual(['billing', 'dns']);
    expect(await list(w.stranger.token, '')).toEqual(['ssl']);
    expect(await list(w.restrictedAgent.token, '')).toEqual(['sales']);
    expect(await list(w.otherAdmin.token, '')).toEqual([]);
    expect(await list(w.customer.token, '?search=certificado')).toEqual([]);
  });

  it('refuses bad filters and missing credentials', async () => {
    const bad = await api(app, w.admin.token).get('/tickets/api/tickets/?priority=soon&limit=5000');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'priority.0']);
    expect((await api(app).get('/tickets/api/tickets/')).status).toBe(401);
  });

  it('refuses accounts without can_access_ticketing', async () => {
    await t.rt.db.updateTable('users').set({ can_access_ticketing: false }).where('id', '=', w.colleague.user.id).execute();
    expect((await api(app, w.colleague.token).get('/tickets/api/tickets/')).status).toBe(403);
    expect((await api(app, w.colleague.token).post('/tickets/api/tickets/', { subject: 'x', messages: [{ body: 'x' }] })).status).toBe(403);
  });
});

describe('search applies the thread visibility (issue 6, item 2)', () => {
  const queries = ['', '&status=open', '&priority=high', '&status=open,new&priority=high,low', '&tag=facturación', '&department=1',
    '&sort=-updated_at', '&sort=created_at&limit=1', '&created_after=2000-01-01', '&requester=carla@acme.example'];

  beforeAll(async () => {
    await t.rt.db.updateTable('users').set({ can_access_ticketing: true }).where('id', '=', w.colleague.user.id).execute();
    await t.rt.db.insertInto('settings').values({ tenant_id: w.tenantId, key: 'customers_see_organisation_tickets', value: 'true', updated_at: new Date().toISOString() }).execute();
    expect((await api(app, w.agent.token).post(`/tickets/api/tickets/${ids.billing}/notes/`, { body: 'Nota interna: zanahoria, el cliente debe dos meses. Pepino.' })).status).toBe(201);
    // Enough public documents with "pepino" on a ticket the customer cannot see to take the other search path (walking recent tickets).
    const { indexDocument } = await import('../../domain/search/search.repo.ts');
    for (let i = 0; i < 520; i++) {
      await indexDocument(t.rt.db, t.rt.dialect, w.tenantId, { ticketId: ids.ssl, sourceId: `test:${i}`, text: `pepino ${i}`, internal: false, isNew: true });
    }
  });

  it("never lets a customer find a ticket by a word that is only in a note, whatever the filters", async () => {
    for (const person of [w.customer, w.colleague, w.stranger]) {
      for (const extra of queries) {
        expect(await list(person.token, `?search=zanahoria${extra}`), `${person.user.email} ${extra}`).toEqual([]);
        expect(await list(person.token, `?search=zanah${extra}`), `${person.user.email} prefix ${extra}`).toEqual([]);
        expect(await list(person.token, `?search=nota%20interna${extra}`)).toEqual([]);
      }
    }
    expect(await list(w.otherCustomer.token, '?search=zanahoria')).toEqual([]);
    expect(await list(w.otherAdmin.token, '?search=zanahoria')).toEqual([]);
  });

  it('lets customers find what their thread shows, and staff find notes too', async () => {
    expect(await list(w.customer.token, '?search=facturacion')).toEqual(['billing']);
    expect(await list(w.colleague.token, '?search=marzo')).toEqual(['billing']);
    expect(await list(w.customer.token, '?search=registro%20aaaa')).toEqual(['dns']);
    for (const extra of queries.filter((q) => !q.includes('limit'))) {
      expect(await list(w.agent.token, `?search=zanahoria${extra}`), extra).toEqual(['billing']);
      expect(await list(w.admin.token, `?search=zanah${extra}`), extra).toEqual(['billing']);
    }
    expect(await list(w.restrictedAgent.token, '?search=zanahoria')).toEqual([]);
  });

  it('applies the same rule when many documents match (the other search path)', async () => {
    for (const extra of queries) {
      expect(await list(w.customer.token, `?search=pepino${extra}`), extra).toEqual([]);
      expect(await list(w.colleague.token, `?search=pepino${extra}`), extra).toEqual([]);
    }
    expect(await list(w.stranger.token, '?search=pepino')).toEqual(['ssl']);
    expect((await list(w.admin.token, '?search=pepino')).sort()).toEqual(['billing', 'ssl']);
    expect((await list(w.agent.token, '?search=pepi&sort=created_at')).sort()).toEqual(['billing', 'ssl']);
  });
});
