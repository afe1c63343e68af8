/**
 * When a tenant's settings remind and close an idle ticket, at one moment. Closing is the
 * switch (close_inactive_tickets): the reminder announces a closing, so without one there
 * is no reminder either. With reminders on, a ticket closes only once its reminder has
 * had reminder_before_ticket_close_days to work, even when the sweep found it late.
 */
import type { TenantSettings } from '../settings/registry.ts';
import type { IdleTicket } from './inactivity.repo.ts';

const DAY = 24 * 3600_000;

export interface InactivityPlan {
  statuses: readonly string[];
  /** Idle since before this: reminded (null: reminders are off). */
  remindBefore: string | null;
  /** Idle since before this: closed (once reminded long enough, when reminders are on). */
  closeBefore: string;
  closeDays: number;
  reminderDays: number;
  now: Date;
}

/** The plan for `now`, or null when the tenant does not close inactive tickets. */
export function inactivityPlan(s: TenantSettings, now: Date): InactivityPlan | null {
  if (!s.close_inactive_tickets || s.inactive_ticket_statuses.length === 0) return null;
  const closeDays = s.close_ticket_after_days;
  const reminderDays = s.reminder_before_ticket_close_days;
  const remindAfterDays = Math.max(closeDays - reminderDays, 0);
  return {
    statuses: s.inactive_ticket_statuses,
    remindBefore: s.send_ticket_close_reminder ? new Date(now.getTime() - remindAfterDays * DAY).toISOString() : null,
    closeBefore: new Date(now.getTime() - closeDays * DAY).toISOString(),
    closeDays, reminderDays, now,
  };
}

/** When a ticket reminded now will be closed: its idle period's end, or the reminder's days from now if later. */
export function closeAt(plan: InactivityPlan, t: Pick<IdleTicket, 'last_activity_at'>): string {
  const due = Date.parse(t.last_activity_at) + plan.closeDays * DAY;
  return new Date(Math.max(due, plan.now.getTime() + plan.reminderDays * DAY)).toISOString();
}

/** Whether an idle ticket past closeBefore may close now: with reminders on, only once reminded in this period, long enough ago. */
export function mayClose(plan: InactivityPlan, t: IdleTicket): boolean {
  if (plan.remindBefore === null) return true;
  const reminded = t.inactivity_reminded_at;
  if (!reminded || Date.parse(reminded) < Date.parse(t.last_activity_at)) return false;
  return Date.parse(reminded) + plan.reminderDays * DAY <= plan.now.getTime();
}
