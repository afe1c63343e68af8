/** `parley tenant domains`: the operator, and only the operator, vouches for a tenant's domains. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../../../test/helpers/cli.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { createDepartment } from '../../domain/departments/create-department.ts';
import { createTenant } from '../../domain/tenants/create-tenant.ts';
import { main } from '../../main.ts';

let t: TestRuntime;
const saved = { ...process.env };
const parley = (...args: string[]) => runCaptured((io) => main(args, io));

beforeAll(async () => {
  t = await createTestRuntime();
  const db = t.config.database;
  process.env.DATABASE_URL = db.dialect === 'postgres' ? db.url : `sqlite:${db.file}`;
  process.env.PARLEY_DATA_DIR = t.config.dataDir;
  process.env.PARLEY_SECRET_KEY = t.config.secretKey;
  const beta = await createTenant(t.rt, { name: 'Beta', slug: 'beta' });
  await createDepartment(t.rt.systemCtx(beta.id), { name: 'Old', addresses: ['help@legacy.example'] });
});
afterAll(async () => {
  process.env = saved;
  await t.cleanup();
});

describe('parley tenant domains', () => {
  it('adds, lists and removes domains, normalised', async () => {
    const added = await parley('tenant', 'domains', '--slug', 'default', '--add', 'Alpha.Example.', '--add', 'help.alpha.example');
    expect(added).toMatchObject({ code: 0, out: 'alpha.example\nhelp.alpha.example\n' });
    expect((await parley('tenant', 'domains', '--slug', 'default', '--remove', 'help.alpha.example')).out).toBe('alpha.example\n');
    expect((await parley('tenant', 'list', '--json')).out).toContain('"domains":["alpha.example"]');
    expect((await parley('tenant', 'domains', '--slug', 'beta')).out).toBe('Tenant beta has no domains.\n');
  });

  it("refuses another tenant's domain, a bad name, a missing tenant and bad usage", async () => {
    const taken = await parley('tenant', 'domains', '--slug', 'beta', '--add', 'alpha.example');
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('assigned to another tenant');
    expect((await parley('tenant', 'create', '--name', 'Gamma', '--slug', 'gamma', '--domain', 'alpha.example')).code).toBe(1);
    expect((await parley('tenant', 'domains', '--slug', 'beta', '--add', 'not a domain')).code).toBe(65);
    expect((await parley('tenant', 'domains', '--slug', 'nobody', '--add', 'x.example')).code).toBe(1);
    expect((await parley('tenant', 'domains', '--add', 'x.example')).code).toBe(64);
    expect((await parley('tenant', 'domains', '--slug', 'beta')).out).toBe('Tenant beta has no domains.\n');
  });

  it("warns when another tenant already has queue addresses under the domain", async () => {
    const res = await parley('tenant', 'domains', '--slug', 'default', '--add', 'legacy.example');
    expect(res.code).toBe(0);
    expect(res.err).toContain('help@legacy.example under legacy.example is a queue address of another tenant');
  });
});
