/**
 * Replies thread right however many workers run: three `parley worker` processes share
 * one database while 300 parent/reply pairs arrive, each reply a few milliseconds after
 * its parent. A reply whose parent is stored but not yet processed must wait for it
 * (DeferJob) rather than open a ticket of its own: 0 misthreaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment } from '../../src/domain/departments/create-department.ts';
import { receiveMessage } from '../../src/mail/inbound/receive-message.ts';
import type { Runtime } from '../../src/runtime.ts';
import { eml } from '../helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.ts';

const PAIRS = 300;
const WORKERS = 3;
const QUEUE = 'burst@queue.example';

let t: TestRuntime;
let rt: Runtime;
const children: ChildProcess[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startWorker(env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, ['bin/parley.mjs', 'worker'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => { out += c; if (out.includes('is running')) resolve(); });
    child.stderr!.on('data', (c: Buffer) => { out += c; });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${out.slice(-2000)}`)));
  });
}

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  await createDepartment(rt.systemCtx(rt.defaultTenantId), { name: 'Burst Queue', addresses: [QUEUE] });
  const db = t.config.database;
  const env = {
    ...process.env, NODE_ENV: 'test', DATABASE_URL: db.dialect === 'postgres' ? db.url : `sqlite:${db.file}`,
    PARLEY_DATA_DIR: t.config.dataDir, PARLEY_SECRET_KEY: t.config.secretKey, PARLEY_DEFAULT_LANGUAGE: 'es',
  };
  await Promise.all(Array.from({ length: WORKERS }, () => startWorker(env)));
}, 60_000);
afterAll(async () => {
  await Promise.all(children.map((c) => new Promise<void>((resolve) => {
    if (c.exitCode !== null) return resolve();
    c.removeAllListeners('exit');
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
    setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
  })));
  await t?.cleanup();
});

describe(`threading with ${WORKERS} worker processes`, () => {
  it(`threads all ${PAIRS} replies sent 3–14 ms after their parent`, async () => {
    const tenantId = rt.defaultTenantId;
    const store = (raw: Buffer) => receiveMessage(rt, { tenantId, mailboxId: null, source: 'lmtp', raw, envelope: { mailFrom: null, recipients: [QUEUE] } });
    const pairs: Array<{ parent: string; reply: string }> = [];
    for (let i = 0; i < PAIRS; i++) {
      const from = `Customer ${i} <c${i}@burst.example>`;
      const parent = await store(eml({ from, to: QUEUE, subject: `Burst ${i}`, body: `Question ${i}.`, messageId: `<p${i}@burst.example>` }));
      await sleep(3 + (i % 12));
      const reply = await store(eml({ from, to: QUEUE, subject: `Re: Burst ${i}`, body: `More about ${i}.`, inReplyTo: `<p${i}@burst.example>`, references: `<p${i}@burst.example>` }));
      pairs.push({ parent: parent.id, reply: reply.id });
    }
    const until = Date.now() + 120_000;
    let left = PAIRS * 2;
    while (Date.now() < until && (left = (await rt.db.selectFrom('inbound_messages').select('id').where('status', '=', 'received').execute()).length) > 0) await sleep(250);
    expect(left, 'messages still unprocessed').toBe(0);

    const rows = new Map((await rt.db.selectFrom('inbound_messages').select(['id', 'status', 'ticket_id', 'reason']).execute()).map((r) => [r.id, r]));
    const misthreaded = pairs.filter((p) => rows.get(p.reply)!.ticket_id !== rows.get(p.parent)!.ticket_id);
    console.log(`threading burst (${t.config.database.dialect}, ${WORKERS} workers): ${misthreaded.length} of ${PAIRS} replies misthreaded`);
    expect([...rows.values()].filter((r) => r.status !== 'processed')).toEqual([]);
    expect(misthreaded.length).toBe(0);
    expect(await rt.db.selectFrom('tickets').select('id').execute()).toHaveLength(PAIRS);
    expect(await rt.db.selectFrom('messages').select('id').execute()).toHaveLength(PAIRS * 2);
  }, 240_000);
});
