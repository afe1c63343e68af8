import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCaptured } from '../../../test/helpers/cli.ts';
import { fakeClock, openDesk, waitingTicket, type Desk } from '../../../test/helpers/inactivity-desk.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { findTicket } from '../../domain/tickets/tickets.repo.ts';
import { UsageError } from '../command.ts';
import { ticketsPruneCommand } from './tickets-prune.ts';

let t: TestRuntime;
const saved = { ...process.env };

/** Runs `parley tickets prune …` in this process against the test database. */
const prune = (...args: string[]) => runCaptured((io) => ticketsPruneCommand.run(args, io));

beforeAll(async () => {
  t = await createTestRuntime();
  const db = t.config.database;
  process.env.DATABASE_URL = db.dialect === 'postgres' ? db.url : `sqlite:${db.file}`;
  process.env.PARLEY_DATA_DIR = t.config.dataDir;
  process.env.PARLEY_SECRET_KEY = t.config.secretKey;
});
afterAll(async () => {
  process.env = saved;
  await t?.cleanup();
});
afterEach(() => { vi.useRealTimers(); });

/** The tenants' lines of a summary, in slug order (tenants without inactivity settings print zeros). */
const linesOf = (out: string, desks: Desk[]) => out.split('\n').filter((l) => desks.some((d) => l.startsWith(`${d.slug}:`))).sort();

describe('parley tickets prune', () => {
  it('prints its help and refuses unknown options and tenants', async () => {
    const help = await prune('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: parley tickets prune \[--tenant SLUG\] \[--json\]/);
    await expect(prune('--bogus')).rejects.toThrow(UsageError);
    expect(await prune('--tenant', 'nope')).toMatchObject({ code: 1, out: '', err: expect.stringContaining('no tenant with slug "nope"') });
  });

  it('reminds and closes for one tenant with --tenant, for all without, once however often it runs', async () => {
    const clock = fakeClock();
    const a = await openDesk(t.rt);
    const b = await openDesk(t.rt, { send_ticket_close_reminder: false });
    const ta = await waitingTicket(t.rt, a);
    const tb = await waitingTicket(t.rt, b);
    clock.advance(11);

    expect(await prune('--tenant', a.slug)).toEqual({ code: 0, err: '', out: `${a.slug}: reminded 1, closed 0\n` });
    expect((await findTicket(t.rt.db, b.tenantId, tb.id))!.status).toBe('pending');
    const all = await prune();
    expect(all.code).toBe(0);
    expect(linesOf(all.out, [a, b])).toEqual([`${a.slug}: reminded 0, closed 0`, `${b.slug}: reminded 0, closed 1`]);
    expect(all.out).toContain('default: reminded 0, closed 0\n');

    clock.advance(3);
    const json = await prune('--json');
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.out) as { reminded: number; closed: number; failed: number; tenants: Array<{ tenant: string }> };
    expect(summary).toMatchObject({ reminded: 0, closed: 1, failed: 0 });
    expect(summary.tenants).toEqual(expect.arrayContaining([
      { tenant: a.slug, reminded: 0, closed: 1, failed: 0 }, { tenant: b.slug, reminded: 0, closed: 0, failed: 0 },
    ]));
    expect((await findTicket(t.rt.db, a.tenantId, ta.id))!.status).toBe('closed');
    expect(linesOf((await prune()).out, [a, b])).toEqual([`${a.slug}: reminded 0, closed 0`, `${b.slug}: reminded 0, closed 0`]);
  });
});
