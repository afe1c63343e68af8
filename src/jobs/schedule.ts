/**
 * Every periodic job, in one list. Each entry's time is cut into slots aligned to the
 * Unix epoch (UTC), so all instances agree on them; a tick enqueues the current slot
 * under the unique key "<name>:<slot start>", and the jobs table keeps one row per key.
 * Any number of instances on one PostgreSQL database therefore enqueue each slot once,
 * and whichever worker is free runs it. A slot missed while no scheduler ran is skipped.
 */
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { Dialect } from '../db/dialect.ts';
import { insertJobs } from './jobs.repo.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface ScheduleEntry {
  /** Part of the slot key: renaming an entry lets its current slot run a second time. */
  name: string;
  everyMs: number;
  /** The job name the worker runs (see tasks/index.ts). */
  task: string;
}

/** The payload of every scheduled job: the start of its slot (an ISO date). */
export const slotPayload = z.object({ slot: z.string() });

export const schedule: readonly ScheduleEntry[] = [
  { name: 'cleanup.sessions', everyMs: HOUR, task: 'cleanup.sessions' },
  { name: 'cleanup.idempotency_keys', everyMs: HOUR, task: 'cleanup.idempotency_keys' },
  { name: 'cleanup.jobs', everyMs: DAY, task: 'cleanup.jobs' },
  // Deletes attachment files no row points at (see sweep-orphan-attachments.ts).
  { name: 'attachments.sweep_orphans', everyMs: 6 * HOUR, task: 'attachments.sweep_orphans' },
  // Each mailbox is then scanned at its tenant's mail_scan_frequency (seed 002).
  { name: 'mail.scan_mailboxes', everyMs: 60_000, task: 'mail.scan_mailboxes' },
  { name: 'mail.recover_stuck', everyMs: 5 * 60_000, task: 'mail.recover_stuck' },
  // The safety net under the SLA timers: checks tickets whose next mark has passed (docs/sla.md).
  { name: 'sla.sweep', everyMs: 5 * 60_000, task: 'sla.sweep' },
  // Reminds and closes inactive tickets of every tenant (seed 002's prune, docs/automation-inactivity.md).
  { name: 'tickets.prune_inactive', everyMs: 15 * 60_000, task: 'tickets.prune_inactive' },
  // Mails each tenant's daily or weekly summary once its period is over (report_schedule, docs/reports.md).
  { name: 'reports.mail_summary', everyMs: HOUR, task: 'reports.mail_summary' },
  // The daily backup of the whole installation, rotated (PARLEY_BACKUP_*; docs/operations.md).
  { name: 'backup.daily', everyMs: DAY, task: 'backup.daily' },
];

/** The start of the slot that `at` falls in. */
export function slotStart(entry: ScheduleEntry, at: Date): Date {
  return new Date(Math.floor(at.getTime() / entry.everyMs) * entry.everyMs);
}

export const slotKey = (entry: ScheduleEntry, at: Date): string => `${entry.name}:${slotStart(entry, at).toISOString()}`;

/** Enqueues the current slot of each entry; a slot already enqueued by any instance is ignored. */
export async function enqueueScheduledJobs(db: Db, entries: readonly ScheduleEntry[], at: Date): Promise<void> {
  await insertJobs(db, entries.map((entry) => ({
    tenantId: null,
    name: entry.task,
    payload: { slot: slotStart(entry, at).toISOString() },
    runAt: at,
    // A failed slot is retried a little; the next slot does the same work anyway.
    maxAttempts: 3,
    uniqueKey: slotKey(entry, at),
  })));
}

export interface SchedulerOptions {
  db: Db;
  /**
   * Unused while slots dedupe through the jobs table; here so periodic work that must
   * not overlap (mailbox polling) can take a PostgreSQL advisory lock without new wiring.
   */
  dialect: Dialect;
  /** Called after a tick enqueued jobs, to wake the local worker. */
  onJobsEnqueued: () => void;
  entries?: readonly ScheduleEntry[];
  /** How often to look at the clock; well under the shortest interval. */
  tickMs?: number;
  now?: () => Date;
  log?: (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;
}

/**
 * Ticks at once and then every `tickMs`. Each instance remembers the slots it has
 * enqueued, so it writes to the database once per slot, not once per tick. `stop()`
 * resolves when a tick in progress has finished (await it before closing the database).
 */
export function startScheduler(o: SchedulerOptions): { stop(): Promise<void> } {
  const entries = o.entries ?? schedule;
  const now = o.now ?? (() => new Date());
  const enqueued = new Map<string, string>();
  let stopped = false;
  let inFlight: Promise<void> | null = null;

  const tick = async (): Promise<void> => {
    const at = now();
    const due = entries.filter((e) => enqueued.get(e.name) !== slotKey(e, at));
    if (due.length === 0) return;
    try {
      await enqueueScheduledJobs(o.db, due, at);
      for (const e of due) enqueued.set(e.name, slotKey(e, at));
      if (!stopped) o.onJobsEnqueued();
    } catch (err) {
      o.log?.('error', 'scheduler tick failed', { err: String(err) });
    }
  };
  const run = () => {
    // A tick slower than tickMs (a database hiccup) is not stacked on by the next one.
    if (stopped || inFlight) return;
    inFlight = tick().finally(() => { inFlight = null; });
  };

  run();
  const timer = setInterval(run, o.tickMs ?? 60_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}
