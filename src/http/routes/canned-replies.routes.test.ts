import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { fillVariables } from '../../domain/canned-replies/canned-reply-variables.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
const URL = '/tickets/api/canned-replies/';

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

const names = (res: { body: { results: Array<{ name: string }> } }) => res.body.results.map((r) => r.name);

describe('canned replies', () => {
  it('an agent keeps their own, sees the shared ones of their departments, and changes only their own', async () => {
    const admin = api(app, w.admin.token);
    const agent = api(app, w.agent.token);
    const sales = api(app, w.restrictedAgent.token);
    const everywhere = await admin.post(URL, { name: 'Everywhere', body: 'Hi {{requester.first_name}}', shared: true });
    expect(everywhere.status).toBe(201);
    expect(everywhere.body).toMatchObject({ shared: true, department: null, can_edit: true });
    expect((await admin.post(URL, { name: 'Support only', body: 'Support', shared: true, department: 1 })).status).toBe(201);
    expect((await admin.post(URL, { name: 'Sales only', body: 'Sales', shared: true, department: w.salesDepartmentId })).status).toBe(201);
    const own = await agent.post(URL, { name: 'Alex own', shortcut: 'thanks', body: 'Thanks, {{agent.name}}' });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ shared: false, can_edit: true, shortcut: 'thanks' });

    expect(names(await agent.get(URL))).toEqual(['Alex own', 'Everywhere', 'Sales only', 'Support only']);
    expect(names(await agent.get(`${URL}?mine=true`))).toEqual(['Alex own']);
    expect(names(await agent.get(`${URL}?department=${w.salesDepartmentId}`))).toEqual(['Alex own', 'Everywhere', 'Sales only']);
    // Sam works in Sales only: not Support's, and not Alex's own. Admins do not see Alex's own either.
    expect(names(await sales.get(URL))).toEqual(['Everywhere', 'Sales only']);
    expect(names(await admin.get(URL))).toEqual(['Everywhere', 'Sales only', 'Support only']);
    expect((await sales.get(`${URL}${own.body.id}/`)).status).toBe(404);
    expect((await admin.patch(`${URL}${own.body.id}/`, { name: 'Taken' })).status).toBe(404);

    expect((await agent.patch(`${URL}${everywhere.body.id}/`, { name: 'Mine now' })).status).toBe(403);
    expect((await agent.delete(`${URL}${everywhere.body.id}/`)).status).toBe(403);
    expect((await agent.get(`${URL}${everywhere.body.id}/`)).body.can_edit).toBe(false);
    expect((await agent.post(URL, { name: 'Shared try', body: 'x', shared: true })).status).toBe(403);

    const renamed = await agent.patch(`${URL}${own.body.id}/`, { name: 'Alex thanks', body_html: '<p>Thanks, <strong>{{agent.name}}</strong><script>alert(1)</script></p>', body: '' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.body_html).toBe('<p>Thanks, <strong>{{agent.name}}</strong></p>');
    expect(renamed.body.body).toBe('Thanks, {{agent.name}}');
    expect((await agent.delete(`${URL}${own.body.id}/`)).status).toBe(204);
    expect((await agent.get(`${URL}${own.body.id}/`)).status).toBe(404);
  });

  it('refuses customers, unknown variables, empty texts and departments of nowhere, storing nothing', async () => {
    const count = async () => (await t.rt.db.selectFrom('canned_replies').select('id').execute()).length;
    const before = await count();
    expect((await api(app, w.customer.token).get(URL)).status).toBe(403);
    expect((await api(app, w.customer.token).post(URL, { name: 'x', body: 'y' })).status).toBe(403);
    expect((await api(app).get(URL)).status).toBe(401);
    const agent = api(app, w.agent.token);
    const unknown = await agent.post(URL, { name: 'x', body: 'Hello {{ticket.secret}}' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'body', message: '{{ticket.secret}} is not a variable canned replies can use' }]);
    expect((await agent.post(URL, { name: 'x', body: '  ' })).body.errors).toEqual([{ field: 'body', message: 'must not be empty' }]);
    expect((await agent.post(URL, { name: 'x', body: 'y', department: 99 })).body.errors).toEqual([{ field: 'department', message: 'no such department' }]);
    expect((await agent.post(URL, { name: '', body: 'y' })).status).toBe(422);
    expect(await count()).toBe(before);
  });

  it('logs changes to shared replies in the audit log, not a person\'s own', async () => {
    const shared = await api(app, w.admin.token).post(URL, { name: 'Logged', body: 'x', shared: true });
    const own = await api(app, w.agent.token).post(URL, { name: 'Private', body: 'x' });
    const events = await t.rt.db.selectFrom('events').select(['name', 'subject_id']).where('subject_type', '=', 'canned_reply').execute();
    expect(events).toContainEqual({ name: 'canned_reply.saved', subject_id: shared.body.id });
    expect(events.map((e) => e.subject_id)).not.toContain(own.body.id);
  });
});

describe('fillVariables', () => {
  it('fills the known variables, escapes them in HTML, and leaves anything else alone', () => {
    const values = { 'ticket.number': 'TK-000042', 'requester.name': 'Ana <b>' };
    expect(fillVariables('{{ticket.number}} for {{ requester.name }}, {{agent.name}} {{other}}', values)).toBe('TK-000042 for Ana <b>,  {{other}}');
    expect(fillVariables('<p>{{requester.name}}</p>', values, true)).toBe('<p>Ana &#60;b&#62;</p>');
  });
});
