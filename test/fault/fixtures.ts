/** What the fault tests share: a Parley data set on a given database, messages, HTTP probes, figures. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createDepartment } from '../../src/domain/departments/create-department.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { eml } from '../helpers/mail.ts';

export const QUEUE = 'fault@queue.example';
export const SECRET = 'fault-test-secret-key-that-is-long-enough-0000';

/** A runtime of the test's own on `databaseUrl` (migrated, with the queue address), for setup and counting. */
export async function prepareDatabase(databaseUrl: string, dataDir = mkdtempSync(join(tmpdir(), 'parley-fault-data-'))): Promise<{ rt: Runtime; env: NodeJS.ProcessEnv }> {
  const env = { NODE_ENV: 'test', DATABASE_URL: databaseUrl, PARLEY_DATA_DIR: dataDir, PARLEY_SECRET_KEY: SECRET, PARLEY_DEFAULT_LANGUAGE: 'es', PARLEY_API_RATE_LIMIT: '0', LOG_LEVEL: 'warn' };
  const rt = await createRuntime(loadConfig(env), { log: () => {} });
  await createDepartment(rt.systemCtx(rt.defaultTenantId), { name: 'Fault Queue', addresses: [QUEUE] });
  return { rt, env };
}

/** `count` messages with unique Message-IDs and subjects; with `attachmentBytes`, each carries a file that big. */
export function messages(prefix: string, count: number, attachmentBytes = 0): Array<{ id: string; raw: Buffer; subject: string }> {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    const id = `${prefix}-${n}-${randomUUID()}@fault.example`;
    const subject = `${prefix} ${n}`;
    return { id, subject, raw: eml({ from: `Customer ${i % 7} <c${i % 7}@fault.example>`, to: QUEUE, subject, body: `Message ${n}: the printer is on fire.`, messageId: `<${id}>`,
      attachments: attachmentBytes ? [{ filename: `report-${n}.pdf`, contentType: 'application/pdf', content: Buffer.alloc(attachmentBytes, i % 251) }] : undefined }) };
  });
}

/** Stored messages per Message-ID among `ids`: lost are those with 0, duplicated those with more than 1. */
export async function tally(rt: Runtime, ids: string[]): Promise<{ stored: number; lost: number; duplicated: number }> {
  // The Message-ID as stored in each message's raw bytes (inbound_messages.message_id is our own message's id).
  const rows = await rt.db.selectFrom('inbound_raw').select('raw').execute();
  const count = new Map<string, number>();
  const norm = (id: string) => id.replace(/^<|>$/g, '').toLowerCase();
  for (const r of rows) {
    const id = /^Message-ID:\s*(\S+)/im.exec(Buffer.from(r.raw).toString('latin1'))?.[1];
    if (id) count.set(norm(id), (count.get(norm(id)) ?? 0) + 1);
  }
  let stored = 0; let lost = 0; let duplicated = 0;
  for (const id of ids) {
    const n = count.get(norm(id)) ?? 0;
    stored += Math.min(n, 1);
    if (n === 0) lost++;
    if (n > 1) duplicated += n - 1;
  }
  return { stored, lost, duplicated };
}

/** GET with a time limit: the status, or 0 when nothing came back in time. */
export async function probe(url: string, timeoutMs: number, init: RequestInit = {}): Promise<{ status: number; ms: number; body: string }> {
  const started = Date.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, ms: Date.now() - started, body: await res.text() };
  } catch {
    return { status: 0, ms: Date.now() - started, body: '' };
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export async function jobsLeft(rt: Runtime, name = 'mail.process'): Promise<number> {
  return (await rt.db.selectFrom('jobs').select('id').where('name', '=', name).where('status', 'in', ['pending', 'running']).execute()).length;
}

/** One line the lead can quote: the figures of a fault test. */
export function report(test: string, figures: Record<string, number | string>): void {
  console.log(`FAULT ${test}: ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}
