import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, fieldsOf } from '../../../test/helpers/api.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let acmeTwoId: string;

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  const created = await api(app, w.admin.token).post('/tickets/api/organisations/', { name: 'Acme Two', domains: ['acme-two.example'] }, { 'x-request-id': 'req-audit-1' });
  acmeTwoId = created.body.id;
  await api(app, w.admin.token).patch(`/tickets/api/organisations/${acmeTwoId}/`, { name: 'Acme 2' });
  await api(app, w.otherAdmin.token).post('/tickets/api/organisations/', { name: 'Other Org' });
});
afterAll(async () => stopApiTest({ t, app }));

const URL = '/tickets/api/audit-log/';
type Entry = { id: number; name: string; subject_type: string; subject_id: string; actor_id: string | null };

describe('GET /tickets/api/audit-log/', () => {
  it('needs credentials', async () => {
    expect((await api(app).get(URL)).status).toBe(401);
  });

  it('is for admins only', async () => {
    expect((await api(app, w.agent.token).get(URL)).status).toBe(403);
    expect((await api(app, w.customer.token).get(URL)).status).toBe(403);
  });

  it('shows who did what, from where, newest first', async () => {
    const res = await api(app, w.admin.token).get(`${URL}?subject_type=organisation&subject_id=${acmeTwoId}`);
    expect(res.status).toBe(200);
    expect(res.body.results.map((e: Entry) => e.name)).toEqual(['organisation.updated', 'organisation.created']);
    expect(res.body.results[1]).toEqual({
      id: expect.any(Number), name: 'organisation.created', subject_type: 'organisation', subject_id: acmeTwoId,
      actor_id: w.admin.user.id, source: 'api', request_id: 'req-audit-1',
      payload: { name: 'Acme Two', domains: ['acme-two.example'] }, created_at: expect.any(String),
    });
    expect(res.body.results[0].id).toBeGreaterThan(res.body.results[1].id);
  });

  it("shows only the admin's own tenant", async () => {
    const mine = (await api(app, w.admin.token).get(`${URL}?limit=200`)).body.results as Entry[];
    expect(mine.some((e) => e.subject_id === w.customer.user.id)).toBe(true);
    expect(mine.some((e) => e.actor_id === w.otherAdmin.user.id || e.subject_id === w.otherAdmin.user.id)).toBe(false);
    const theirs = (await api(app, w.otherAdmin.token).get(`${URL}?limit=200`)).body.results as Entry[];
    expect(theirs.map((e) => e.name)).toContain('organisation.created');
    expect(theirs.some((e) => e.subject_id === acmeTwoId || e.subject_id === w.customer.user.id)).toBe(false);
  });

  it('filters by actor and by event name', async () => {
    const byAdmin = (await api(app, w.admin.token).get(`${URL}?actor=${w.admin.user.id}`)).body.results as Entry[];
    expect(byAdmin.length).toBe(2);
    expect(byAdmin.every((e) => e.actor_id === w.admin.user.id)).toBe(true);
    const created = (await api(app, w.admin.token).get(`${URL}?name=user.created`)).body.results as Entry[];
    expect(created.length).toBe(6);
    expect(created.every((e) => e.name === 'user.created' && e.actor_id === null)).toBe(true);
  });

  it('pages by id with a cursor, without gaps or repeats, also within a period', async () => {
    const a = api(app, w.admin.token);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    for (const [query, limit] of [['', 3], [`&since=2000-01-01&until=${tomorrow}`, 4]] as const) {
      const all = ((await a.get(`${URL}?limit=200${query}`)).body.results as Entry[]).map((e) => e.id);
      expect(all.length).toBeGreaterThan(5);
      expect([...all].sort((x, y) => y - x)).toEqual(all);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await a.get(`${URL}?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...(res.body.results as Entry[]).map((e) => e.id));
        cursor = res.body.next_cursor;
      } while (cursor && seen.length < 500);
      expect(seen).toEqual(all);
    }
  });

  it('filters by period: since is inclusive, until exclusive, a bare date is its midnight UTC', async () => {
    const a = api(app, w.admin.token);
    const all = (await a.get(`${URL}?limit=200`)).body.results as Array<Entry & { created_at: string }>;
    const at = (q: string) => a.get(`${URL}?limit=200&${q}`).then((r) => { expect(r.status, r.raw).toBe(200); return (r.body.results as Entry[]).map((e) => e.id); });
    const pivot = all[Math.floor(all.length / 2)];
    const instant = new Date(pivot.created_at);
    const iso = instant.toISOString();
    const newer = all.filter((e) => new Date(e.created_at) >= instant).map((e) => e.id);
    const older = all.filter((e) => new Date(e.created_at) < instant).map((e) => e.id);
    expect(newer).toContain(pivot.id);
    expect(await at(`since=${encodeURIComponent(iso)}`)).toEqual(newer);
    expect(await at(`until=${encodeURIComponent(iso)}`)).toEqual(older);
    // The same instant written in another offset.
    const inMadrid = new Date(instant.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00');
    expect(await at(`since=${encodeURIComponent(inMadrid)}`)).toEqual(newer);
    const today = iso.slice(0, 10);
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(await at(`since=${today}&until=${tomorrow}`)).toEqual(all.filter((e) => e.created_at.startsWith(today)).map((e) => e.id));
    expect(await at(`since=${tomorrow}`)).toEqual([]);
    expect(await at('until=2000-01-01')).toEqual([]);
    expect(await at(`since=${encodeURIComponent(iso)}&name=organisation.updated`)).toEqual(all.filter((e) => e.name === 'organisation.updated' && new Date(e.created_at) >= instant).map((e) => e.id));
  });

  it('refuses a bad period with a 422 naming the field', async () => {
    const a = api(app, w.admin.token);
    for (const bad of ['yesterday', '2026-02-30', '2026-13-01', '2026-01-01T25:00:00Z', '1700000000']) {
      const res = await a.get(`${URL}?since=${bad}`);
      expect(res.status, bad).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fieldsOf(res.body)).toEqual(['since']);
    }
    expect(fieldsOf((await a.get(`${URL}?until=soon`)).body)).toEqual(['until']);
  });

  it('refuses bad filters with field errors', async () => {
    const a = api(app, w.admin.token);
    expect(fieldsOf((await a.get(`${URL}?actor=someone`)).body)).toContain('actor');
    expect(fieldsOf((await a.get(`${URL}?cursor=zzz`)).body)).toEqual(['cursor']);
    const stringCursor = Buffer.from(JSON.stringify(['a', 'b'])).toString('base64url');
    expect(fieldsOf((await a.get(`${URL}?cursor=${stringCursor}`)).body)).toEqual(['cursor']);
    expect(fieldsOf((await a.get(`${URL}?limit=0`)).body)).toContain('limit');
  });
});

describe('the events table', () => {
  it('refuses UPDATE and DELETE: the audit log is append-only', async () => {
    const before = await t.rt.db.selectFrom('events').selectAll().where('tenant_id', '=', w.tenantId).orderBy('id').execute();
    await expect(t.rt.db.updateTable('events').set({ name: 'tampered' }).where('tenant_id', '=', w.tenantId).execute()).rejects.toThrow(/append-only/);
    await expect(t.rt.db.deleteFrom('events').where('id', '=', before[0].id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`delete from events`.execute(t.rt.db)).rejects.toThrow(/append-only/);
    const after = await t.rt.db.selectFrom('events').selectAll().where('tenant_id', '=', w.tenantId).orderBy('id').execute();
    expect(after).toEqual(before);
  });
});
