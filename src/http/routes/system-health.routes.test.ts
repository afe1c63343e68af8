/** /readyz's operating figures (the installation) and GET /tickets/api/system-health/ (one tenant, admins). */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { newId } from '../../domain/shared/clock.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
const HOUR = 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

async function queueMail(tenantId: string, status: 'queued' | 'held' | 'sent', sendAt: string): Promise<void> {
  const at = new Date().toISOString();
  await t.rt.db.insertInto('outbound_mails').values({
    tenant_id: tenantId, id: newId(), ticket_id: null, message_id: null, kind: 'test', from_address: 'desk@example.com', reply_to: null,
    to_addresses: '["a@example.com"]', cc_addresses: '[]', subject: 's', body_text: 'b', body_html: null,
    email_message_id: `<${newId()}@example.com>`, in_reply_to: null, email_references: '[]', automatic: false, status, reason: null,
    last_error: null, threshold_waived: false, send_at: sendAt, last_attempt_at: null, sent_at: null, created_at: at, updated_at: at, dedupe_key: null,
  }).execute();
}

async function mailbox(tenantId: string, state: string, active = true): Promise<void> {
  const at = new Date().toISOString();
  await t.rt.db.insertInto('mailboxes').values({
    id: newId(), tenant_id: tenantId, name: `mb ${newId()}`, kind: 'gmail', host: null, port: null, username: 'x@example.com', secret_enc: null,
    oauth_provider: 'google', oauth_config: null, oauth_refresh_enc: null, oauth_access_enc: null, oauth_expires_at: null,
    archive_folder: null, department_id: null, is_active: active, state, last_error: null, last_scan_at: null, last_success_at: null,
    uid_validity: null, last_uid: null, created_at: at, updated_at: at,
  }).execute();
}

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
});
afterAll(async () => stopApiTest({ t, app }));

describe('/readyz', () => {
  it('answers 200 with zero figures and no backup on a quiet installation', async () => {
    const res = await api(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ready', storage: 'ok',
      jobs: { due: 0, oldest_due_at: null, oldest_due_age_seconds: null, failed: 0 },
      outbound_mail: { undelivered: 0, oldest_undelivered_age_seconds: null },
      mailboxes: { needs_reauth: 0 },
      backup: { last_status: null, last_succeeded_at: null },
    });
  });

  it('reports the backlog, failed jobs, undelivered mail, mailboxes to re-authorize and the last backup of every tenant, still 200', async () => {
    // A job whose task does not exist fails for good on its first run: a real dead job.
    await insertJobs(t.rt.db, [{ tenantId: w.otherTenantId, name: 'test.missing_task', payload: {} }]);
    await t.rt.worker.runOnce();
    await insertJobs(t.rt.db, [
      { tenantId: w.tenantId, name: 'test.waiting', payload: {}, runAt: new Date(Date.now() - 2 * HOUR) },
      { tenantId: w.otherTenantId, name: 'test.waiting', payload: {}, runAt: new Date(Date.now() - HOUR) },
      { tenantId: w.tenantId, name: 'test.later', payload: {}, runAt: new Date(Date.now() + HOUR) },
    ]);
    await queueMail(w.tenantId, 'queued', ago(HOUR));
    await queueMail(w.otherTenantId, 'held', ago(3 * HOUR));
    await queueMail(w.tenantId, 'queued', new Date(Date.now() + HOUR).toISOString());
    await queueMail(w.tenantId, 'sent', ago(10 * HOUR));
    await mailbox(w.tenantId, 'needs_reauth');
    await mailbox(w.otherTenantId, 'needs_reauth');
    await mailbox(w.tenantId, 'needs_reauth', false);
    await mailbox(w.tenantId, 'ok');
    await t.rt.db.insertInto('backup_runs').values([
      { id: newId(), slot: null, trigger: 'manual', status: 'succeeded', location: '/b/1', error: null, started_at: ago(26 * HOUR), finished_at: ago(25 * HOUR) },
      { id: newId(), slot: 'x', trigger: 'scheduled', status: 'failed', location: null, error: 'pg_dump was not found on PATH', started_at: ago(HOUR), finished_at: ago(HOUR) },
    ]).execute();

    const res = await api(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.jobs).toMatchObject({ due: 2, failed: 1 });
    expect(res.body.jobs.oldest_due_age_seconds).toBeGreaterThanOrEqual(2 * 3600);
    expect(res.body.outbound_mail.undelivered).toBe(2);
    expect(res.body.outbound_mail.oldest_undelivered_age_seconds).toBeGreaterThanOrEqual(3 * 3600);
    expect(res.body.mailboxes).toEqual({ needs_reauth: 2 });
    expect(res.body.backup).toMatchObject({ last_status: 'failed', last_error: 'pg_dump was not found on PATH' });
    expect(res.body.backup.last_succeeded_age_seconds).toBeGreaterThanOrEqual(25 * 3600);
  });
});

describe('GET /tickets/api/system-health/', () => {
  const URL = '/tickets/api/system-health/';

  it('needs credentials and is for admins only', async () => {
    expect((await api(app).get(URL)).status).toBe(401);
    expect((await api(app, w.agent.token).get(URL)).status).toBe(403);
    expect((await api(app, w.customer.token).get(URL)).status).toBe(403);
  });

  it("counts the admin's own tenant only", async () => {
    const mine = await api(app, w.admin.token).get(URL);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ jobs: { due: 1, failed: 0 }, outbound_mail: { undelivered: 1 }, mailboxes: { needs_reauth: 1 } });
    expect(mine.body.backup).toBeUndefined();
    const theirs = await api(app, w.otherAdmin.token).get(URL);
    expect(theirs.body).toMatchObject({ jobs: { due: 1, failed: 1 }, outbound_mail: { undelivered: 1 }, mailboxes: { needs_reauth: 1 } });
  });
});
