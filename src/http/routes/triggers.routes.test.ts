/**
 * The triggers API (docs/automation.md): admins only, per tenant, every save checked whole
 * (an action's config by its type's schema: 422 naming the field), the run log paged, and
 * the action types with the JSON Schema of their config.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
const TRIGGERS = '/tickets/api/triggers/';
const urgentTrigger = {
  name: 'Urgent gets a tag and a note', type: 'TICKET_FIELD_CHANGE', options: { field: 'priority', new: 'urgent' },
  conditions: { department_ids: [1] },
  actions: [{ type: 'add_tag', config: { tags: ['urgent'] } }, { type: 'add_note', config: { body: 'Urgent now: {{ticket.number}}' } }],
};

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => { await stopApiTest({ t, app }); });

const admin = () => api(app, w.admin.token);
async function drain() {
  while ((await t.rt.worker.runOnce()) > 0) { /* until no job is left */ }
}

describe('triggers API', () => {
  it('answers 401 without a credential, 403 to agents and customers', async () => {
    expect((await api(app).get(TRIGGERS)).status).toBe(401);
    expect((await api(app).get('/tickets/api/trigger-action-types/')).status).toBe(401);
    for (const who of [w.agent, w.customer]) {
      expect((await api(app, who.token).get(TRIGGERS)).status).toBe(403);
      expect((await api(app, who.token).post(TRIGGERS, urgentTrigger)).status).toBe(403);
      expect((await api(app, who.token).get('/tickets/api/trigger-action-types/')).status).toBe(403);
    }
  });

  it('creates, reads, changes and deletes a trigger; each save and the delete are audited', async () => {
    const created = await admin().post(TRIGGERS, urgentTrigger);
    expect(created.status, created.raw).toBe(201);
    expect(created.body).toMatchObject({ ...urgentTrigger, active: true, position: 0 });
    const id = created.body.id as string;
    expect((await admin().get(`${TRIGGERS}${id}/`)).body).toEqual(created.body);
    const changed = await admin().patch(`${TRIGGERS}${id}/`, { active: false, name: 'Renamed' });
    expect(changed.status, changed.raw).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Renamed', active: false, actions: urgentTrigger.actions });
    expect((await admin().get(TRIGGERS)).body.map((x: { id: string }) => x.id)).toEqual([id]);
    expect((await admin().delete(`${TRIGGERS}${id}/`)).status).toBe(204);
    expect((await admin().get(`${TRIGGERS}${id}/`)).status).toBe(404);
    const audit = await t.rt.db.selectFrom('events').select(['name', 'payload']).where('subject_id', '=', id).orderBy('id').execute();
    expect(audit.map((e) => [e.name, JSON.parse(e.payload).created ?? null])).toEqual([['trigger.saved', true], ['trigger.saved', false], ['trigger.deleted', null]]);
  });

  it('refuses bad input with 422 problem+json naming the field: the shape, options, conditions and action configs', async () => {
    const bad = async (body: unknown) => admin().post(TRIGGERS, body);
    expect((await bad({ ...urgentTrigger, type: 'WHEN_PIGS_FLY' })).status).toBe(422);
    const cases: Array<[unknown, string]> = [
      [{ ...urgentTrigger, options: { field: 'colour' } }, 'options.field'],
      [{ ...urgentTrigger, conditions: { priorities: ['meh'] } }, 'conditions.priorities.0'],
      [{ ...urgentTrigger, actions: [{ type: 'launch_rocket', config: {} }] }, 'actions.0.type'],
      [{ ...urgentTrigger, actions: [urgentTrigger.actions[0], { type: 'send_email', config: { to: 'address', subject: 'x', body: 'y' } }] }, 'actions.1.config.address'],
      [{ ...urgentTrigger, actions: [{ type: 'add_note', config: { body: 'Hi {{ticket.secret}}' } }] }, 'actions.0.config.body'],
      [{ ...urgentTrigger, actions: [{ type: 'call_webhook', config: { url: 'ftp://example.com/' } }] }, 'actions.0.config.url'],
    ];
    for (const [body, field] of cases) {
      const res = await bad(body);
      expect(res.status, field).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await admin().get(TRIGGERS)).body).toEqual([]);
  });

  it("keeps tenants apart: another tenant's trigger is not found", async () => {
    const mine = (await admin().post(TRIGGERS, { ...urgentTrigger, active: false })).body.id as string;
    const other = api(app, w.otherAdmin.token);
    expect((await other.get(`${TRIGGERS}${mine}/`)).status).toBe(404);
    expect((await other.patch(`${TRIGGERS}${mine}/`, { name: 'x' })).status).toBe(404);
    expect((await other.delete(`${TRIGGERS}${mine}/`)).status).toBe(404);
    expect((await other.get(`${TRIGGERS}${mine}/runs/`)).status).toBe(404);
    expect((await other.get(TRIGGERS)).body).toEqual([]);
    await admin().delete(`${TRIGGERS}${mine}/`);
  });

  it('logs each run, newest first, a page at a time', async () => {
    const id = (await admin().post(TRIGGERS, urgentTrigger)).body.id as string;
    const tickets: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ticket = await admin().post('/tickets/api/tickets/', { subject: `Run ${i}`, messages: [{ body: 'Hello' }], requester: { email: 'carla@acme.example' } });
      expect(ticket.status, ticket.raw).toBe(201);
      tickets.push(ticket.body.id);
      expect((await admin().patch(`/tickets/api/tickets/${ticket.body.id}/`, { priority: 'urgent' })).status).toBe(200);
      await drain();
    }
    const first = await admin().get(`${TRIGGERS}${id}/runs/?limit=2`);
    expect(first.status, first.raw).toBe(200);
    expect(first.body.results.map((r: { ticket_id: string; status: string }) => [r.ticket_id, r.status])).toEqual([[tickets[2], 'ok'], [tickets[1], 'ok']]);
    expect(first.body.results[0].results.map((r: { type: string; ok: boolean }) => [r.type, r.ok])).toEqual([['add_tag', true], ['add_note', true]]);
    const second = await admin().get(`${TRIGGERS}${id}/runs/?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body).toMatchObject({ results: [{ ticket_id: tickets[0] }], next_cursor: null });
    expect((await admin().get(`${TRIGGERS}${id}/runs/?limit=0`)).status).toBe(422);
  });

  it('lists the action types with the JSON Schema of their config', async () => {
    const res = await admin().get('/tickets/api/trigger-action-types/');
    expect(res.status).toBe(200);
    const types = res.body as Array<{ type: string; label: string; config_schema: { type?: string; properties?: Record<string, unknown> } }>;
    expect(types.map((x) => x.type)).toEqual(['send_email', 'change_field', 'add_tag', 'remove_tag', 'assign', 'add_note', 'call_webhook']);
    expect(types.find((x) => x.type === 'add_tag')?.config_schema).toMatchObject({ type: 'object', properties: { tags: { type: 'array' } } });
  });
});
