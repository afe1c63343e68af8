import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment } from '../../domain/departments/create-department.ts';
import { findMailbox, updateMailbox } from '../../mail/inbound/mailboxes.repo.ts';
import { insertDovecotMailbox, startDovecot, type Dovecot } from '../../../test/helpers/dovecot.ts';
import { eml } from '../../../test/helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import { UsageError } from '../command.ts';
import { mailboxScanCommand } from './mailbox-scan.ts';
import { runCaptured } from '../../../test/helpers/cli.ts';

let t: TestRuntime;
let world: World;
let d: Dovecot;
const saved = { ...process.env };
const QUEUE = 'help@cli.example';

/** Runs `parley mailbox scan …` in this process against the test database. */
async function scan(...args: string[]) {
  return runCaptured((io) => mailboxScanCommand.run(args, io));
}

beforeAll(async () => {
  t = await createTestRuntime();
  world = await buildWorld(t.rt);
  await createDepartment(t.rt.systemCtx(t.rt.defaultTenantId), { name: 'CLI Help', addresses: [QUEUE] });
  const db = t.config.database;
  process.env.DATABASE_URL = db.dialect === 'postgres' ? db.url : `sqlite:${db.file}`;
  process.env.PARLEY_DATA_DIR = t.config.dataDir;
  process.env.PARLEY_SECRET_KEY = t.config.secretKey;
  d = await startDovecot({ users: [{ name: 'yara', password: 'pw-yara' }, { name: 'zed', password: 'pw-zed' }] });
});
afterAll(async () => {
  process.env = saved;
  await d?.stop();
  await t.cleanup();
});

describe('parley mailbox scan', () => {
  it('prints its help', async () => {
    const help = await scan('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: parley mailbox scan \[--tenant SLUG\] \[--mailbox NAME\|ID\] \[--force\]/);
    await expect(scan('--timeout', 'soon')).rejects.toThrow(UsageError);
    await expect(scan('--bogus')).rejects.toThrow(UsageError);
  });

  it('says so when there is nothing to scan, or the tenant or mailbox is unknown', async () => {
    expect(await scan()).toMatchObject({ code: 0, out: 'No active mailboxes to scan.\n' });
    expect(await scan('--tenant', 'nope')).toMatchObject({ code: 1, err: expect.stringContaining('no tenant with slug "nope"') });
    expect(await scan('--mailbox', 'ghost')).toMatchObject({ code: 1, err: 'parley: no mailbox "ghost"\n' });
  });

  it('scans by name or id, keeps to the cooldown unless --force, and exits 1 when a mailbox fails', async () => {
    const rt = t.rt;
    d.deliver('yara', eml({ from: 'ann@customer.example', to: QUEUE, subject: 'From the CLI', body: 'hello' }));
    const good = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'yara', password: 'pw-yara', name: 'support' });
    const first = await scan('--mailbox', 'support');
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toBe('default/support (imap): fetched 1, stored 1, duplicates 0, errors 0\n');

    const again = await scan('--mailbox', good.id, '--tenant', 'default');
    expect(again.out).toMatch(/^default\/support \(imap\): skipped, scanned less than 1 min ago/);
    expect((await scan('--mailbox', 'support', '--force')).out).toBe('default/support (imap): fetched 0, stored 0, duplicates 0, errors 0\n');

    // The same name in another tenant makes a bare name ambiguous.
    const broken = await insertDovecotMailbox(rt, d, { kind: 'pop3', user: 'zed', password: 'wrong', name: 'support', tenantId: world.otherTenantId });
    expect(await scan('--mailbox', 'support')).toMatchObject({ code: 1, err: expect.stringContaining('exists in several tenants (default, other); add --tenant') });
    const all = await scan('--force');
    expect(all.code).toBe(1);
    expect(all.out.split('\n').filter(Boolean).sort()).toEqual([
      'default/support (imap): fetched 0, stored 0, duplicates 0, errors 0',
      expect.stringMatching(/^other\/support \(pop3\): FAILED: PASS: .*Authentication failed/),
    ]);
    const one = await scan('--tenant', 'other', '--force');
    expect(one.out).toMatch(/^other\/support \(pop3\): FAILED/);
    expect(await findMailbox(rt.db, broken.tenant_id, broken.id)).toMatchObject({ state: 'error', last_error: expect.stringContaining('Authentication failed') });

    await updateMailbox(rt.db, good.tenant_id, good.id, { is_active: false });
    expect((await scan('--mailbox', 'support', '--tenant', 'default')).out).toBe('default/support (imap): skipped, inactive\n');
  });
});
