/** The orphan sweep, run as in production: scheduler entry → job → worker. */
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import { ORPHAN_GRACE_MS, STALE_TEMP_MS } from '../../domain/attachments/sweep-orphan-attachments.ts';
import { createTicket } from '../../domain/tickets/create-ticket.ts';
import type { Runtime } from '../../runtime.ts';
import { enqueueScheduledJobs, schedule } from '../schedule.ts';

let t: TestRuntime;
let rt: Runtime;
let w: World;
let root: string;

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  w = await buildWorld(rt);
  root = join(t.config.dataDir, 'attachments');
});
afterAll(async () => { await t?.cleanup(); });

const blobPath = (tenantId: string, sha: string) => join(root, tenantId, sha.slice(0, 2), sha);
const age = (path: string, ms: number) => { const at = new Date(Date.now() - ms); utimesSync(path, at, at); };

async function runSweep(): Promise<void> {
  const entry = schedule.find((e) => e.task === 'attachments.sweep_orphans')!;
  await enqueueScheduledJobs(rt.db, [entry], new Date());
  while ((await rt.worker.runOnce()) > 0) { /* drain */ }
  const job = await rt.db.selectFrom('jobs').selectAll().where('name', '=', entry.task).orderBy('id', 'desc').executeTakeFirstOrThrow();
  expect(job, String(job.last_error)).toMatchObject({ status: 'done' });
}

describe('attachments.sweep_orphans', () => {
  it('deletes old unreferenced files and stale temps, and keeps referenced, young and other tenants\' referenced files', async () => {
    const store = rt.attachments;
    const kept = await store.putBuffer(w.tenantId, Buffer.from('referenced by a reply'));
    await createTicket(rt.systemCtx(w.tenantId), {
      subject: 'Con adjunto', requester: { email: 'carla@acme.example' }, channel: 'api',
      messages: [{ body: 'x', messageType: 'reply', attachments: [{ ...kept, filename: 'a.txt', contentType: 'text/plain' }] }],
    });
    const orphan = await store.putBuffer(w.tenantId, Buffer.from('nobody points at me'));
    const young = await store.putBuffer(w.tenantId, Buffer.from('an upload still in progress'));
    // The same content in the other tenant is that tenant's own file, with no row there.
    const elsewhere = await store.putBuffer(w.otherTenantId, Buffer.from('referenced by a reply'));
    const stale = await store.stage(Readable.from([Buffer.from('left by a crash')]), 1000);
    const fresh = await store.stage(Readable.from([Buffer.from('being uploaded')]), 1000);
    for (const [tenant, sha] of [[w.tenantId, kept.sha256], [w.tenantId, orphan.sha256], [w.otherTenantId, elsewhere.sha256]] as const) {
      age(blobPath(tenant, sha), ORPHAN_GRACE_MS + 60_000);
    }
    age(stale.tmpPath, STALE_TEMP_MS + 60_000);
    // Stray names the store did not write are never touched.
    mkdirSync(join(root, w.tenantId, 'zz'), { recursive: true });
    writeFileSync(join(root, w.tenantId, 'zz', 'README'), 'not a blob');

    await runSweep();

    expect(existsSync(blobPath(w.tenantId, kept.sha256))).toBe(true);
    expect(existsSync(blobPath(w.tenantId, orphan.sha256))).toBe(false);
    expect(existsSync(blobPath(w.tenantId, young.sha256))).toBe(true);
    expect(existsSync(blobPath(w.otherTenantId, elsewhere.sha256))).toBe(false);
    expect(existsSync(stale.tmpPath)).toBe(false);
    expect(existsSync(fresh.tmpPath)).toBe(true);
    expect(existsSync(join(root, w.tenantId, 'zz', 'README'))).toBe(true);
  });

  it('keeps a file stored again after it was listed, as an upload of the same content would', async () => {
    const store = rt.attachments;
    const blob = await store.putBuffer(w.tenantId, Buffer.from('listed, then stored again'));
    age(blobPath(w.tenantId, blob.sha256), ORPHAN_GRACE_MS + 60_000);
    const cutoff = Date.now() - ORPHAN_GRACE_MS;
    await store.putBuffer(w.tenantId, Buffer.from('listed, then stored again'));
    expect(await store.removeUnless(w.tenantId, blob.sha256, (s) => s.mtimeMs >= cutoff)).toBe(false);
    expect(existsSync(blobPath(w.tenantId, blob.sha256))).toBe(true);
  });
});
