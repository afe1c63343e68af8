import { describe, expect, it } from 'vitest';
import { defaultSettings, type TenantSettings } from '../settings/registry.ts';
import { closeAt, inactivityPlan, mayClose } from './inactivity-plan.ts';
import { isActivity } from './ticket-activity.ts';

const DAY = 24 * 3600_000;
const now = new Date('2026-06-15T12:00:00.000Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
const settings = (s: Partial<TenantSettings>): TenantSettings => ({ ...defaultSettings(), close_inactive_tickets: true, send_ticket_close_reminder: true, ...s });
const idle = (last: number, reminded: number | null) => ({ id: 'x', number: 'TK-1', status: 'pending', last_activity_at: ago(last), inactivity_reminded_at: reminded === null ? null : ago(reminded) });

describe('inactivityPlan', () => {
  it('is off without close_inactive_tickets (a reminder announces a closing) or without statuses', () => {
    expect(inactivityPlan(settings({ close_inactive_tickets: false }), now)).toBeNull();
    expect(inactivityPlan(settings({ inactive_ticket_statuses: [] }), now)).toBeNull();
  });

  it('reminds R days before the closing, at once when R is not shorter than the period, never with reminders off', () => {
    expect(inactivityPlan(settings({ close_ticket_after_days: 14, reminder_before_ticket_close_days: 2 }), now)).toMatchObject({ remindBefore: ago(12), closeBefore: ago(14), statuses: ['pending', 'resolved'] });
    expect(inactivityPlan(settings({ close_ticket_after_days: 2, reminder_before_ticket_close_days: 5 }), now)!.remindBefore).toBe(ago(0));
    expect(inactivityPlan(settings({ send_ticket_close_reminder: false }), now)!.remindBefore).toBeNull();
  });

  it('closes only a ticket reminded in this period, the reminder days ago', () => {
    const plan = inactivityPlan(settings({ close_ticket_after_days: 10, reminder_before_ticket_close_days: 3 }), now)!;
    expect(mayClose(plan, idle(11, 3))).toBe(true);
    expect(mayClose(plan, idle(11, 2.9))).toBe(false);
    expect(mayClose(plan, idle(11, null))).toBe(false);
    // Reminded before the last activity: that reminder was for an earlier period.
    expect(mayClose(plan, idle(11, 12))).toBe(false);
    expect(mayClose(inactivityPlan(settings({ send_ticket_close_reminder: false }), now)!, idle(15, null))).toBe(true);
    expect(closeAt(plan, idle(7, null))).toBe(ago(-3));
    expect(closeAt(plan, idle(30, null))).toBe(ago(-3));
    expect(closeAt(plan, { last_activity_at: ago(1) })).toBe(ago(-9));
  });
});

describe('isActivity', () => {
  it("is a person's reply or note, not a system line, an authorless note, or an automatic reply filed as a note", () => {
    expect(isActivity({ messageType: 'reply', authorId: 'u', channel: 'email' })).toBe(true);
    expect(isActivity({ messageType: 'note', authorId: 'u', channel: 'web' })).toBe(true);
    expect(isActivity({ messageType: 'system', authorId: 'u', channel: 'system' })).toBe(false);
    expect(isActivity({ messageType: 'note', authorId: null, channel: 'system' })).toBe(false);
    expect(isActivity({ messageType: 'note', authorId: 'u', channel: 'email' })).toBe(false);
  });
});
