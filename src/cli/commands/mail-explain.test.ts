/** `parley mail inspect --explain FILE` (a dry run) and `parley mail explain ID` (the stored trace), run as the CLI runs them. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../../../test/helpers/cli.ts';
import { deliver, eml } from '../../../test/helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { createDepartment } from '../../domain/departments/create-department.ts';
import { createTenant } from '../../domain/tenants/create-tenant.ts';
import type { InboundRow } from '../../mail/inbound/inbound.repo.ts';
import { main } from '../../main.ts';

let t: TestRuntime;
let file: string;
let stored: InboundRow;
const saved = { ...process.env };
const parley = (...args: string[]) => runCaptured((io) => main(args, io));
const count = async (table: 'tickets' | 'users' | 'inbound_messages') =>
  Number((await t.rt.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestRuntime();
  const db = t.config.database;
  process.env.DATABASE_URL = db.dialect === 'postgres' ? db.url : `sqlite:${db.file}`;
  process.env.PARLEY_DATA_DIR = t.config.dataDir;
  process.env.PARLEY_SECRET_KEY = t.config.secretKey;
  await createDepartment(t.rt.systemCtx(t.rt.defaultTenantId), { name: 'Desk', addresses: ['desk@explain.example'] });
  const other = await createTenant(t.rt, { name: 'Other', slug: 'other-explain' });
  await createDepartment(t.rt.systemCtx(other.id), { name: 'Elsewhere', addresses: ['desk@elsewhere.example'] });
  mkdirSync(t.config.dataDir, { recursive: true });
  file = join(t.config.dataDir, 'question.eml');
  writeFileSync(file, eml({ from: 'Quinn <quinn@customer.example>', to: 'desk@explain.example', subject: 'Question', body: 'How do I reset it?' }));
  stored = await deliver(t.rt, eml({ from: 'Auto <robot@customer.example>', to: 'desk@explain.example', subject: 'Out of office', headers: { 'Auto-Submitted': 'auto-replied' }, body: 'Away.' }));
});
afterAll(async () => {
  process.env = saved;
  await t.cleanup();
});

describe('parley mail inspect --explain', () => {
  it('prints each decision the pipeline would take, and stores nothing', async () => {
    const before = await Promise.all((['tickets', 'users', 'inbound_messages'] as const).map(count));
    const res = await parley('mail', 'inspect', '--explain', file);
    expect(res).toMatchObject({ code: 0, err: '' });
    const lines = res.out.trim().split('\n');
    expect(lines[0]).toBe(`${file} (dry run, nothing stored):`);
    expect(lines).toContain('  route            queue-address: matched queue address desk@explain.example (To) → department Desk');
    expect(res.out).toMatch(/identify-sender +created: quinn@customer\.example was no user: created the customer Quinn/);
    expect(res.out).toMatch(/outcome +processed: ticket \S+ created in Desk for quinn@customer\.example/);
    expect(await Promise.all((['tickets', 'users', 'inbound_messages'] as const).map(count))).toEqual(before);
  });

  it('runs for another tenant, as JSON Lines', async () => {
    const res = await parley('mail', 'inspect', '--explain', '--tenant', 'other-explain', '--json', file);
    expect(res.code).toBe(0);
    const line = JSON.parse(res.out);
    expect(line.file).toBe(file);
    expect(line.trace.dryRun).toBe(true);
    expect(line.trace.entries.slice(-2)).toEqual([
      { step: 'route', decision: 'no-queue-address', detail: 'no queue address among the recipients (desk@explain.example), and no mailbox department' },
      { step: 'outcome', decision: 'rejected', detail: 'rejected by route: no queue address among the recipients (desk@explain.example)' },
    ]);
  });

  it('refuses explain-only flags without --explain, and an unknown mailbox', async () => {
    expect((await parley('mail', 'inspect', '--tenant', 'default', file)).code).toBe(64);
    expect((await parley('mail', 'inspect', '--explain', '--mailbox', 'nope', file)).code).toBe(64);
  });
});

describe('parley mail explain', () => {
  it('shows the stored trace of a received message: why it was not a ticket', async () => {
    const res = await parley('mail', 'explain', stored.id);
    expect(res.code).toBe(0);
    expect(res.out).toContain(`${stored.id}: ignored (handle-auto-reply: automatic mail that continues no ticket`);
    expect(res.out).toMatch(/classify +automatic: machine-generated mail; signs: auto-submitted: auto-replied/);
    expect(res.out).toMatch(/outcome +ignored: ignored by handle-auto-reply/);
    const json = JSON.parse((await parley('mail', 'explain', '--json', stored.id)).out);
    expect(json).toMatchObject({ id: stored.id, status: 'ignored', trace: { dry_run: false, omitted: 0 } });
  });

  it("answers for the tenant asked only, and refuses a bad id", async () => {
    const res = await parley('mail', 'explain', '--tenant', 'other-explain', stored.id);
    expect(res.code).toBe(1);
    expect(res.err).toContain(`no received message ${stored.id} in tenant other-explain`);
    expect((await parley('mail', 'explain', 'nonsense')).code).toBe(64);
    expect((await parley('mail', 'explain')).code).toBe(64);
  });
});
