import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { createTestRuntime, type TestRuntime } from '../../test/helpers/test-runtime.ts';
import { runCaptured } from '../../test/helpers/cli.ts';

let t: TestRuntime;
const saved = { ...process.env };

/** Runs `parley …` in this process against the test database; returns exit code and output. */
async function parley(...args: string[]) {
  return runCaptured((io) => main(args, io));
}

beforeAll(async () => {
  t = await createTestRuntime();
  const db = t.config.database;
  process.env.DATABASE_URL = db.dialect === 'postgres' ? db.url : `sqlite:${db.file}`;
  process.env.PARLEY_DATA_DIR = t.config.dataDir;
  process.env.PARLEY_SECRET_KEY = t.config.secretKey;
});
afterAll(async () => {
  process.env = saved;
  await t.cleanup();
});

describe('parley CLI', () => {
  it('lists commands and gives --help for each', async () => {
    const overview = await parley('--help');
    expect(overview.code).toBe(0);
    for (const name of ['serve', 'worker', 'migrate', 'tenant create', 'user create', 'user set-password', 'backup', 'mail inspect', 'mailbox scan', 'mailgate']) {
      expect(overview.out).toContain(name);
      const help = await parley(...name.split(' '), '--help');
      expect(help.code, name).toBe(0);
      expect(help.out).toMatch(/Usage: parley/);
    }
  });

  it('exits 64 with a message on bad usage', async () => {
    expect((await parley('frobnicate')).code).toBe(64);
    expect((await parley('tenant')).err).toContain('tenant create');
    const missing = await parley('tenant', 'create', '--name', 'X');
    expect(missing.code).toBe(64);
    expect(missing.err).toContain('missing --slug');
    expect((await parley('user', 'create', '--email', 'a@b.example', '--password', 'p'.repeat(12), '--role', 'god')).code).toBe(64);
    expect((await parley('migrate', '--bogus')).code).toBe(64);
  });

  it('creates and lists tenants and users, and sets passwords', async () => {
    expect((await parley('migrate')).out).toContain('up to date');
    const tenant = await parley('tenant', 'create', '--name', 'Acme Brasil', '--slug', 'acme-br', '--language', 'pt-br', '--domain', 'help.acme.example');
    expect(tenant.code).toBe(0);
    const dup = await parley('tenant', 'create', '--name', 'Again', '--slug', 'acme-br');
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('exists already');
    expect((await parley('tenant', 'list')).out).toMatch(/acme-br\s+Acme Brasil\s+pt-br\s+help\.acme\.example/);
    const user = await parley('user', 'create', '--email', 'boss@acme.example', '--password', 'a good long password', '--role', 'admin', '--tenant', 'acme-br', '--name', 'Boss');
    expect(user.code).toBe(0);
    const list = await parley('user', 'list', '--tenant', 'acme-br', '--json');
    expect(JSON.parse(list.out.trim())).toMatchObject({ email: 'boss@acme.example', role: 'admin', name: 'Boss' });
    const weak = await parley('user', 'set-password', '--email', 'boss@acme.example', '--password', 'short', '--tenant', 'acme-br');
    expect(weak.code).toBe(65);
    expect((await parley('user', 'set-password', '--email', 'boss@acme.example', '--password', 'another long password', '--tenant', 'acme-br')).code).toBe(0);
    expect((await parley('user', 'set-password', '--email', 'nobody@acme.example', '--password', 'another long password', '--tenant', 'acme-br')).code).toBe(1);
    expect((await parley('user', 'list', '--tenant', 'missing')).code).toBe(1);
    const dept = await t.rt.db.selectFrom('departments').innerJoin('tenants', 'tenants.id', 'departments.tenant_id')
      .select('departments.name').where('tenants.slug', '=', 'acme-br').executeTakeFirstOrThrow();
    expect(dept.name).toBe('Suporte Técnico');
  });

  it('backs up SQLite online, and points PostgreSQL users to pg_dump', async () => {
    const res = await parley('backup', '--to', `${t.config.dataDir}/backup-test.db`);
    if (t.config.database.dialect === 'postgres') {
      expect(res.code).toBe(69);
      expect(res.err).toContain('pg_dump');
    } else {
      expect(res.code).toBe(0);
      const Sqlite = (await import('better-sqlite3')).default;
      const copy = new Sqlite(`${t.config.dataDir}/backup-test.db`, { readonly: true });
      expect((copy.prepare("select count(*) as n from tenants").get() as { n: number }).n).toBeGreaterThanOrEqual(1);
      copy.close();
    }
  });
});
