/**
 * `parley backup` → `parley restore` into a fresh data directory and database, on the
 * engine under test (PostgreSQL: pg_dump, then pg_restore into a throwaway database made
 * for this file on the shared server and dropped after it).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../../../test/helpers/cli.ts';
import { createTestRuntime, testDialect, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import { loadConfig } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { createTicket } from '../../domain/tickets/create-ticket.ts';
import { createRuntime } from '../../runtime.ts';
import { backupCommand } from './backup.ts';
import { restoreCommand } from './restore.ts';

const adminUrl = process.env.PARLEY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let t: TestRuntime;
let w: World;
let scratch: string;
const saved = { ...process.env };
const made: string[] = [];

const backup = (...args: string[]) => runCaptured((io) => backupCommand.run(args, io));
const restore = (...args: string[]) => runCaptured((io) => restoreCommand.run(args, io));

async function pgAdmin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try { await c.query(text); } finally { await c.end(); }
}

/** A fresh target: an empty directory, and (PostgreSQL) an empty database; DATABASE_URL points at it. */
async function freshTarget(name: string): Promise<{ dataDir: string; url: string }> {
  const dataDir = join(scratch, name);
  let url = `sqlite:${join(dataDir, 'parley.db')}`;
  if (testDialect === 'postgres') {
    const db = `parley_restore_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await pgAdmin(`create database ${db}`);
    made.push(db);
    const u = new URL(adminUrl);
    u.pathname = `/${db}`;
    url = u.toString();
  }
  process.env.DATABASE_URL = url;
  return { dataDir, url };
}

/** Every ticket, message and attachment id of the installation, and each attachment's bytes' sha-256. */
async function inventory(db: Db, readBlob: (tenantId: string, sha: string) => Promise<Buffer>) {
  const ids = async (table: 'tickets' | 'messages') => (await db.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);
  const attachments = await db.selectFrom('attachments').select(['id', 'tenant_id', 'sha256']).orderBy('id').execute();
  const hashes: string[] = [];
  for (const a of attachments) hashes.push(createHash('sha256').update(await readBlob(a.tenant_id, a.sha256)).digest('hex'));
  return { tickets: await ids('tickets'), messages: await ids('messages'), attachments: attachments.map((a) => `${a.id}:${a.sha256}`), hashes };
}

const streamToBuffer = async (s: NodeJS.ReadableStream) => { const chunks: Buffer[] = []; for await (const c of s) chunks.push(c as Buffer); return Buffer.concat(chunks); };

/** Points DATABASE_URL back at the installation under test (freshTarget points it at a restore target). */
function useSource(): void {
  const source = t.config.database;
  process.env.DATABASE_URL = source.dialect === 'postgres' ? source.url : `sqlite:${source.file}`;
}

beforeAll(async () => {
  t = await createTestRuntime();
  w = await buildWorld(t.rt);
  scratch = mkdtempSync(join(tmpdir(), 'parley-restore-'));
  useSource();
  process.env.PARLEY_DATA_DIR = t.config.dataDir;
  process.env.PARLEY_SECRET_KEY = t.config.secretKey;
  // Outside production a generated key is kept in the data directory: the backup carries it.
  mkdirSync(t.config.dataDir, { recursive: true });
  writeFileSync(join(t.config.dataDir, 'secret.key'), 'a local install keeps its key here\n');
  for (const [tenantId, n] of [[w.tenantId, 3], [w.otherTenantId, 2]] as const) {
    for (let i = 0; i < n; i++) {
      const blob = await t.rt.attachments.putBuffer(tenantId, Buffer.from(`attachment ${i} of ${tenantId}`));
      const same = await t.rt.attachments.putBuffer(tenantId, Buffer.from('the same bytes twice'));
      await createTicket(t.rt.systemCtx(tenantId), {
        subject: `Pedido ${i}`, requester: { email: `c${i}@acme.example` }, channel: 'api',
        messages: [{ body: `cuerpo ${i}`, messageType: 'reply', attachments: [
          { ...blob, filename: `a${i}.txt`, contentType: 'text/plain' }, { ...same, filename: 'same.txt', contentType: 'text/plain' },
        ] }],
      });
    }
  }
});
afterAll(async () => {
  process.env = saved;
  await t?.cleanup();
  for (const db of made) await pgAdmin(`drop database if exists ${db} with (force)`);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('parley backup and parley restore', () => {
  let backupDir = '';

  it('backs up the installation into a directory with a manifest of counts and checksums', async () => {
    const res = await backup('--to', join(scratch, 'backups'));
    expect(res, res.err).toMatchObject({ code: 0, err: '' });
    backupDir = /Backed up to (\S+)/.exec(res.out)![1]!;
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 1, trigger: 'manual', database: { dialect: testDialect }, counts: { tenants: 2, tickets: 5, messages: 5, attachments: 10 } });
    expect(manifest.database.migration).toMatch(/^\d{3}-/);
    // Ten rows, eight distinct files (the same bytes twice in each tenant are stored once).
    expect(Object.keys(manifest.files).filter((f) => f.startsWith('attachments/'))).toHaveLength(7);
    const row = await t.rt.db.selectFrom('backup_runs').selectAll().where('location', '=', backupDir).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ trigger: 'manual', status: 'succeeded', slot: null });
  });

  it('restores into a fresh data directory: every ticket, message and attachment, checksums equal', async () => {
    const target = await freshTarget('fresh');
    const res = await restore(backupDir, '--data-dir', target.dataDir);
    expect(res, res.err).toMatchObject({ code: 0, err: '' });
    expect(res.out).toContain('checked: 5 tickets, 5 messages, 10 attachments');

    const before = await inventory(t.rt.db, async (tenant, sha) => streamToBuffer(t.rt.attachments.open(tenant, sha)));
    const copy = await createRuntime(loadConfig({ NODE_ENV: 'test', PARLEY_DATA_DIR: target.dataDir, DATABASE_URL: target.url }), { log: () => {} });
    try {
      const after = await inventory(copy.db, async (tenant, sha) => streamToBuffer(copy.attachments.open(tenant, sha)));
      expect(after).toEqual(before);
      expect(after.hashes).toEqual(after.attachments.map((a) => a.split(':')[1]));
      expect(readFileSync(join(target.dataDir, 'secret.key'), 'utf8')).toBe('a local install keeps its key here\n');
    } finally {
      await copy.close();
    }
  });

  it('refuses a target that holds data, and overwrites it with --force', async () => {
    const target = join(scratch, 'fresh');
    const stray = join(target, 'attachments', 'stray.txt');
    writeFileSync(stray, 'left behind');
    const refused = await restore(backupDir, '--data-dir', target);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/is not empty.*--force/);
    expect(existsSync(stray)).toBe(true);

    const forced = await restore(backupDir, '--data-dir', target, '--force');
    expect(forced, forced.err).toMatchObject({ code: 0 });
    expect(existsSync(stray)).toBe(false);
  });

  it('refuses a damaged backup (checksum mismatch) and changes nothing', async () => {
    const damaged = join(scratch, 'damaged');
    cpSync(backupDir, damaged, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(damaged, 'manifest.json'), 'utf8')) as { files: Record<string, unknown> };
    const victim = Object.keys(manifest.files).find((f) => f.startsWith('attachments/'))!;
    writeFileSync(join(damaged, victim), 'flipped bytes');
    const target = await freshTarget('untouched');

    const res = await restore(damaged, '--data-dir', target.dataDir);
    expect(res.code).toBe(65);
    expect(res.err).toContain(`${victim}:`);
    expect(res.err).toContain('nothing was restored');
    expect(existsSync(target.dataDir) ? readdirSync(target.dataDir) : []).toEqual([]);
    if (testDialect === 'postgres') {
      const c = new pg.Client({ connectionString: target.url });
      await c.connect();
      try {
        expect((await c.query("select count(*)::int as n from information_schema.tables where table_schema = 'public'")).rows[0].n).toBe(0);
      } finally { await c.end(); }
    }
    expect((await restore(join(scratch, 'no-such-backup'), '--data-dir', target.dataDir)).code).toBe(65);
  });

  it('needs no tool on SQLite, and on PostgreSQL says what to install when pg_dump is missing', async () => {
    useSource();
    const path = process.env.PATH;
    process.env.PATH = join(scratch, 'no-tools-here');
    try {
      const res = await backup('--to', join(scratch, 'without-tools'));
      if (testDialect === 'sqlite') {
        expect(res, res.err).toMatchObject({ code: 0, err: '' });
      } else {
        expect(res.code).toBe(69);
        expect(res.err).toMatch(/pg_dump was not found on PATH: install the PostgreSQL client tools of the server's version \(\d+\), e\.g\. "apt install postgresql-client-\d+"/);
        expect(existsSync(join(scratch, 'without-tools')) ? readdirSync(join(scratch, 'without-tools')) : []).toEqual([]);
        const run = await t.rt.db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').executeTakeFirstOrThrow();
        expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('pg_dump was not found') });
      }
    } finally {
      process.env.PATH = path;
    }
  });
});
