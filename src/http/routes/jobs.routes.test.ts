import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, fieldsOf } from '../../../test/helpers/api.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let failedId: number;
let otherFailedId: number;
let pendingId: number;

type Job = { id: number; name: string; status: string; attempts: number; run_at: string; last_error: string | null };

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  // A job whose task does not exist fails for good on its first run: a real failed job.
  await insertJobs(t.rt.db, [
    { tenantId: w.tenantId, name: 'test.missing_task', payload: { token: 'a-secret-in-the-payload' } },
    { tenantId: w.otherTenantId, name: 'test.missing_task', payload: {} },
    { tenantId: w.tenantId, name: 'test.later', payload: {}, runAt: new Date(Date.now() + 3600_000) },
  ]);
  await t.rt.worker.runOnce();
  const rows = await t.rt.db.selectFrom('jobs').select(['id', 'tenant_id', 'status']).orderBy('id').execute();
  [failedId, otherFailedId, pendingId] = rows.map((r) => Number(r.id));
  expect(rows.map((r) => r.status)).toEqual(['failed', 'failed', 'pending']);
});
afterAll(async () => stopApiTest({ t, app }));

const URL = '/tickets/api/jobs/';

describe('GET /tickets/api/jobs/', () => {
  it('needs credentials', async () => {
    expect((await api(app).get(URL)).status).toBe(401);
  });

  it('is for admins only', async () => {
    expect((await api(app, w.agent.token).get(`${URL}?status=failed`)).status).toBe(403);
    expect((await api(app, w.customer.token).get(URL)).status).toBe(403);
  });

  it("lists the tenant's failed jobs with their error, never their payload", async () => {
    const res = await api(app, w.admin.token).get(`${URL}?status=failed`);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{
      id: failedId, name: 'test.missing_task', status: 'failed', attempts: 1, max_attempts: 10,
      run_at: expect.any(String), last_error: expect.stringContaining('no task'), created_at: expect.any(String), updated_at: expect.any(String),
    }]);
    expect(res.raw).not.toContain('a-secret-in-the-payload');
    expect(res.body.next_cursor).toBeNull();
  });

  it('filters by status, newest first, and pages with a cursor', async () => {
    const a = api(app, w.admin.token);
    expect((await a.get(`${URL}?status=pending`)).body.results.map((j: Job) => j.id)).toEqual([pendingId]);
    expect((await a.get(`${URL}?status=done`)).body.results).toEqual([]);
    const first = await a.get(`${URL}?limit=1`);
    expect(first.body.results.map((j: Job) => j.id)).toEqual([pendingId]);
    const second = await a.get(`${URL}?limit=1&cursor=${first.body.next_cursor}`);
    expect(second.body.results.map((j: Job) => j.id)).toEqual([failedId]);
    expect(second.body.next_cursor).toBeNull();
  });

  it("shows each admin only their tenant's jobs", async () => {
    const res = await api(app, w.otherAdmin.token).get(URL);
    expect(res.body.results.map((j: Job) => j.id)).toEqual([otherFailedId]);
  });

  it('refuses bad filters with field errors', async () => {
    expect(fieldsOf((await api(app, w.admin.token).get(`${URL}?status=broken`)).body)).toContain('status');
    expect(fieldsOf((await api(app, w.admin.token).get(`${URL}?cursor=!!`)).body)).toEqual(['cursor']);
  });
});

describe('POST /tickets/api/jobs/:id/retry/', () => {
  it('needs credentials', async () => {
    expect((await api(app).post(`${URL}${failedId}/retry/`)).status).toBe(401);
  });

  it('is for admins only', async () => {
    expect((await api(app, w.agent.token).post(`${URL}${failedId}/retry/`)).status).toBe(403);
    expect((await api(app, w.customer.token).post(`${URL}${failedId}/retry/`)).status).toBe(403);
  });

  it("answers 404 for another tenant's job or an unknown one", async () => {
    expect((await api(app, w.admin.token).post(`${URL}${otherFailedId}/retry/`)).status).toBe(404);
    expect((await api(app, w.admin.token).post(`${URL}999999/retry/`)).status).toBe(404);
    const other = await api(app, w.otherAdmin.token).get(`${URL}?status=failed`);
    expect(other.body.results.map((j: Job) => j.id)).toEqual([otherFailedId]);
  });

  it('answers 409 for a job that has not failed', async () => {
    const res = await api(app, w.admin.token).post(`${URL}${pendingId}/retry/`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('pending');
  });

  it('refuses an id that is not a number', async () => {
    const res = await api(app, w.admin.token).post(`${URL}abc/retry/`);
    expect(res.status).toBe(422);
    expect(fieldsOf(res.body)).toContain('id');
  });

  it('queues the job to run now, keeping its attempts, and audits who did it', async () => {
    const before = Date.now();
    const res = await api(app, w.admin.token).post(`${URL}${failedId}/retry/`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: failedId, status: 'pending', attempts: 1, last_error: expect.stringContaining('no task') });
    expect(Date.parse(res.body.run_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(res.body.run_at)).toBeLessThanOrEqual(Date.now());
    expect((await api(app, w.admin.token).post(`${URL}${failedId}/retry/`)).status).toBe(409);

    const audit = await api(app, w.admin.token).get(`/tickets/api/audit-log/?name=job.retried`);
    expect(audit.body.results).toEqual([expect.objectContaining({ subject_type: 'job', subject_id: String(failedId), actor_id: w.admin.user.id })]);

    // The worker takes it again; with no task it fails again, one attempt further on.
    await t.rt.worker.runOnce();
    const after = await api(app, w.admin.token).get(`${URL}?status=failed`);
    expect(after.body.results).toEqual([expect.objectContaining({ id: failedId, attempts: 2, status: 'failed' })]);
  });
});
