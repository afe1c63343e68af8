import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { settingsRegistry } from '../../domain/settings/registry.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

const URL = '/tickets/api/settings/';
const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);

describe('GET /tickets/api/settings/', () => {
  it('needs credentials', async () => {
    expect((await api(app).get(URL)).status).toBe(401);
  });

  it('is for admins only', async () => {
    expect((await api(app, w.agent.token).get(URL)).status).toBe(403);
    expect((await api(app, w.customer.token).get(URL)).status).toBe(403);
  });

  it('shows every setting with its description and default', async () => {
    const res = await api(app, w.admin.token).get(URL);
    expect(res.status).toBe(200);
    const keys = Object.keys(settingsRegistry);
    expect(Object.keys(res.body.settings).sort()).toEqual([...keys].sort());
    expect(res.body.settings).toMatchObject({ max_file_size: 10 * 1024 * 1024, load_full_timeline: false, ticket_number_format: 'TK-{NNNNNN}' });
    expect(res.body.definitions.map((d: { key: string }) => d.key)).toEqual(keys);
    expect(res.body.definitions.find((d: { key: string }) => d.key === 'mail_send_threshold'))
      .toEqual({ key: 'mail_send_threshold', description: expect.stringContaining('loop'), default: 5 });
  });
});

describe('PATCH /tickets/api/settings/', () => {
  it('needs credentials', async () => {
    expect((await api(app).patch(URL, { load_full_timeline: true })).status).toBe(401);
  });

  it('is for admins only', async () => {
    expect((await api(app, w.agent.token).patch(URL, { load_full_timeline: true })).status).toBe(403);
    expect((await api(app, w.customer.token).patch(URL, { load_full_timeline: true })).status).toBe(403);
  });

  it('saves values, answers with the whole set, and records who changed what', async () => {
    const res = await api(app, w.admin.token).patch(URL, { mail_send_threshold: 9, mail_forwarding_domains: ['forward.example'] });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ mail_send_threshold: 9, mail_forwarding_domains: ['forward.example'], max_file_size: 10 * 1024 * 1024 });
    expect(res.body.definitions.length).toBe(Object.keys(settingsRegistry).length);
    expect((await api(app, w.admin.token).get(URL)).body.settings.mail_send_threshold).toBe(9);
    const audit = await api(app, w.admin.token).get('/tickets/api/audit-log/?name=settings.updated');
    expect(audit.body.results[0]).toMatchObject({
      actor_id: w.admin.user.id, subject_type: 'tenant', subject_id: w.tenantId,
      payload: { changes: { mail_send_threshold: { old: 5, new: 9 } } },
    });
  });

  it("leaves other tenants' settings alone", async () => {
    await api(app, w.admin.token).patch(URL, { allow_customer_registration: true });
    const other = await api(app, w.otherAdmin.token).get(URL);
    expect(other.body.settings).toMatchObject({ allow_customer_registration: false, mail_send_threshold: 5 });
  });

  it('refuses unknown keys and bad values with field errors, saving none of them', async () => {
    const res = await api(app, w.admin.token).patch(URL, { no_such_setting: 1, max_file_size: 'big', timeline_items_per_page: 50 });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(res.body).sort()).toEqual(['max_file_size', 'no_such_setting']);
    expect((await api(app, w.admin.token).get(URL)).body.settings.timeline_items_per_page).toBe(100);
    const nested = await api(app, w.admin.token).patch(URL, { sla_targets: { critical: { first_response_hours: -1, resolution_hours: 4 } } });
    expect(fieldsOf(nested.body)).toContain('sla_targets.critical.first_response_hours');
  });

  it('refuses an empty change or a body that is not an object', async () => {
    expect((await api(app, w.admin.token).patch(URL, {})).status).toBe(422);
    expect((await api(app, w.admin.token).patch(URL, [1, 2])).status).toBe(422);
  });
});
