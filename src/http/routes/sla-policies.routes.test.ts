/**
 * SLA policies through the API, and SLA on the ticket list (docs/sla.md): who may manage
 * and read policies, refusals with their field, the ticket's SLA fields, the list's
 * "breached" and "due within" filters and the sort by due time.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { BUILT_IN_POLICY } from '../../domain/sla/sla-policy-values.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
const URL = '/tickets/api/sla-policies/';
const TICKETS = '/tickets/api/tickets/';
const targets = BUILT_IN_POLICY.targets;

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

describe('SLA policies', () => {
  it('admins create, change and delete; agents read; customers and strangers do not', async () => {
    const admin = api(app, w.admin.token);
    const created = await admin.post(URL, {
      name: 'Office hours', scope: 'default', targets, time_zone: 'Europe/Madrid',
      business_hours: { week: [{ day: 1, start: '09:00', end: '17:00' }], holidays: ['2026-12-25'] },
    });
    expect(created.status, created.raw).toBe(201);
    expect(created.body).toMatchObject({ name: 'Office hours', scope: 'default', pause_statuses: ['pending', 'on_hold'], near_breach: 0.8, time_zone: 'Europe/Madrid' });
    const id = created.body.id;
    expect((await api(app, w.agent.token).get(URL)).body.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await api(app, w.agent.token).get(`${URL}${id}/`)).status).toBe(200);
    expect((await api(app, w.agent.token).patch(`${URL}${id}/`, { name: 'Mine' })).status).toBe(403);
    expect((await api(app, w.customer.token).get(URL)).status).toBe(403);
    expect((await api(app).get(URL)).status).toBe(401);
    expect((await api(app, w.otherAdmin.token).get(`${URL}${id}/`)).status).toBe(404);
    expect((await api(app, w.otherAdmin.token).delete(`${URL}${id}/`)).status).toBe(404);

    const changed = await admin.patch(`${URL}${id}/`, { near_breach: 0.5, business_hours: null });
    expect(changed.status, changed.raw).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Office hours', near_breach: 0.5, business_hours: null });
    const events = await t.rt.db.selectFrom('events').select('name').where('subject_id', '=', id).orderBy('id').execute();
    expect((await admin.delete(`${URL}${id}/`)).status).toBe(204);
    expect(events.map((e) => e.name)).toEqual(['sla_policy.saved', 'sla_policy.saved']);
    expect((await admin.get(`${URL}${id}/`)).status).toBe(404);
  });

  it('refuses bad input with the field in problem+json, and a second policy for one scope', async () => {
    const admin = api(app, w.admin.token);
    const refused = async (body: unknown, status: number, field?: string) => {
      const res = await admin.post(URL, body);
      expect(res.status, res.raw).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await refused({ name: 'x', scope: 'default' }, 422, 'targets');
    await refused({ name: 'x', scope: 'default', targets, time_zone: 'Mars/Olympus' }, 422, 'time_zone');
    await refused({ name: 'x', scope: 'department', targets }, 422, 'department_id');
    await refused({ name: 'x', scope: 'department', department_id: 999, targets }, 422, 'department_id');
    await refused({ name: 'x', scope: 'default', targets, business_hours: { week: [{ day: 1, start: '09:00', end: '13:00' }, { day: 1, start: '12:00', end: '17:00' }] } }, 422, 'business_hours.week');
    expect((await admin.post(URL, { name: 'Support', scope: 'department', department_id: 1, targets })).status).toBe(201);
    await refused({ name: 'Again', scope: 'department', department_id: 1, targets }, 409);
  });
});

describe('SLA on the ticket list', () => {
  it('shows due times and breach flags, filters breached and due soon, sorts by due time', async () => {
    const agent = api(app, w.agent.token);
    const open = async (subject: string, priority: string) => {
      const res = await agent.post(TICKETS, { subject, priority, requester: 'sla-list@example.org', messages: [{ body: 'x', message_type: 'note' }] });
      expect(res.status, res.raw).toBe(201);
      return res.body as { id: string; first_response_due_at: string; first_response_breached: boolean };
    };
    const critical = await open('SLA critical', 'critical');
    const low = await open('SLA low', 'low');
    const late = await open('SLA late', 'medium');
    expect(critical).toMatchObject({ first_response_breached: false, resolution_breached: false, sla_paused: false });
    // The late one was created 9 hours ago: its 8-hour first response is past due.
    const ago = new Date(Date.now() - 9 * 3_600_000).toISOString();
    await t.rt.db.updateTable('tickets').set({ created_at: ago }).where('id', '=', late.id).execute();
    expect((await agent.patch(`${TICKETS}${late.id}/`, { priority: 'high' })).status).toBe(200);
    const shown = (await agent.get(`${TICKETS}${late.id}/`)).body;
    expect(shown).toMatchObject({ first_response_breached: true, resolution_breached: false });

    const subjects = async (query: string) => (await agent.get(`${TICKETS}?search=SLA&${query}`)).body.results.map((r: { subject: string }) => r.subject);
    expect(await subjects('sla=breached')).toEqual(['SLA late']);
    expect(await subjects('sla_due_within=90')).toEqual(['SLA critical']);
    expect(await subjects('sort=sla_due_at&limit=2')).toEqual(['SLA late', 'SLA critical']);
    const page = await agent.get(`${TICKETS}?sort=sla_due_at&limit=2`);
    const next = await agent.get(`${TICKETS}?sort=sla_due_at&limit=50&cursor=${page.body.next_cursor}`);
    expect(next.body.results.map((r: { id: string }) => r.id)).toContain(low.id);
    expect((await agent.get(`${TICKETS}?sla_due_within=0`)).status).toBe(422);
  });
});
