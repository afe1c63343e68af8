/**
 * Which tasks run after which domain events: the one place that wires them. A task
 * listed here gets one job per event, enqueued in the same transaction as the event, so
 * it runs at least once after commit. Its job payload is the event's payload plus
 * `eventId`, `event` and `subjectId` (see eventJobPayload). Add one line per pair.
 */
import type { z } from 'zod';
import type { EventName } from '../domain/events/catalog.ts';
import type { Ctx } from '../domain/shared/context.ts';
import type { TaskDefinition } from './define-task.ts';
import type { EventJob } from './event-job-payload.ts';
import { cancelScheduledRepliesTask, ticketsHaveWaitingScheduledReplies } from '../mail/outbound/cancel-scheduled-replies.task.ts';
import { notifyDepartmentChangedTask } from '../mail/outbound/notifications/notify-department-changed.task.ts';
import { notifyMessageCreatedTask, notifyMessageCreatedWanted } from '../mail/outbound/notifications/notify-message-created.task.ts';
import { notifyNoteCreatedTask } from '../mail/outbound/notifications/notify-note-created.task.ts';
import { notifyTicketAssignedTask } from '../mail/outbound/notifications/notify-ticket-assigned.task.ts';
import { notifyTicketCreatedTask } from '../mail/outbound/notifications/notify-ticket-created.task.ts';
import { notifyBadRatingTask } from '../mail/outbound/resolution/notify-bad-rating.task.ts';
import { notifyResolutionTask } from '../mail/outbound/resolution/notify-resolution.task.ts';
import { notifyCloseReminderTask } from '../mail/outbound/notifications/notify-close-reminder.task.ts';
import { notifyMailWaitingTask } from '../domain/user-notifications/notify-mail-waiting.task.ts';
import { notifyMailboxNeedsReauthTask } from '../domain/user-notifications/notify-mailbox-needs-reauth.task.ts';
import { notifyWebhookDisabledTask } from '../domain/webhooks/notify-webhook-disabled.task.ts';
import { notifySlaBreachedTask, notifySlaWarningTask } from '../mail/outbound/notifications/notify-sla-alert.task.ts';
import { automationSubscriptions } from '../domain/automation/run-triggers.task.ts';

/**
 * An event and a task that takes its job: the compiler refuses a task whose payload
 * (eventJobPayload of another event, say) does not fit the event's. '*' takes any task.
 */
export type Subscription = (
  | { [N in EventName]: { event: N; task: TaskDefinition<z.ZodType<unknown, EventJob<N>>> } }[EventName]
  | { event: '*'; task: TaskDefinition }
) & {
  /**
   * Whether the task is wanted for these events now, asked in the events' transaction once per
   * event name and call of recordEvents, with every event of that name it records: the
   * triggers engine is not queued a job per ticket event in a helpdesk with no trigger for it,
   * nor a task a job that would find nothing to do (a cheap indexed read instead of a job row,
   * its claim, its run and its completion). Yes means one job per event, as without `when`.
   */
  when?: (ctx: Ctx, event: EventName, occurrences: readonly Occurrence[]) => Promise<boolean>;
};

/** An event being recorded, as `when` sees it. */
export interface Occurrence { subjectId: string; payload: unknown }

export const subscriptions: readonly Subscription[] = [
  // Mail to customers and agents (src/mail/outbound/notifications/, docs/mail-notifications.md).
  { event: 'ticket.created', task: notifyTicketCreatedTask },
  { event: 'message.created', task: notifyMessageCreatedTask, when: notifyMessageCreatedWanted },
  // A customer writing first cancels the ticket's scheduled replies (docs/mail-outbound.md, "Scheduled replies").
  { event: 'message.created', task: cancelScheduledRepliesTask, when: ticketsHaveWaitingScheduledReplies },
  { event: 'note.created', task: notifyNoteCreatedTask },
  { event: 'ticket.assigned', task: notifyTicketAssignedTask },
  { event: 'ticket.department_changed', task: notifyDepartmentChangedTask },
  // Resolved: the requester is asked to confirm, with the links of this resolution and the survey (docs/satisfaction.md).
  { event: 'ticket.status_changed', task: notifyResolutionTask },
  { event: 'ticket.satisfaction_rated', task: notifyBadRatingTask },
  // The requester hears that an idle ticket will be closed (docs/automation-inactivity.md).
  { event: 'ticket.inactivity_reminder', task: notifyCloseReminderTask },
  // In-app only, to the admins: mail waits for a transport; a mailbox must be connected again (docs/notifications.md).
  { event: 'outgoing_mail.no_transport', task: notifyMailWaitingTask },
  { event: 'mailbox.needs_reauth', task: notifyMailboxNeedsReauthTask },
  { event: 'webhook.disabled', task: notifyWebhookDisabledTask },
  // SLA alerts: in-app and mail to the assignee or the department (docs/sla.md).
  { event: 'ticket.sla_warning', task: notifySlaWarningTask },
  { event: 'ticket.sla_breached', task: notifySlaBreachedTask },
  // Triggers and actions (docs/automation.md): the engine's task for every event a trigger may answer.
  ...automationSubscriptions,
];

/** Subscriptions added at run time (tests); the static list is above. */
const extraSubscriptions: Subscription[] = [];

/** Adds a subscription until the returned function is called. */
export function subscribe<N extends EventName>(event: N, task: TaskDefinition<z.ZodType<unknown, EventJob<NoInfer<N>>>>): () => void;
export function subscribe(event: '*', task: TaskDefinition): () => void;
export function subscribe(event: EventName | '*', task: TaskDefinition): () => void {
  // The overloads above checked the pair; the union cannot be rebuilt from two loose halves.
  const entry = { event, task } as Subscription;
  extraSubscriptions.push(entry);
  return () => {
    const at = extraSubscriptions.indexOf(entry);
    if (at >= 0) extraSubscriptions.splice(at, 1);
  };
}

const subscribedTo = (eventName: EventName) => [...subscriptions, ...extraSubscriptions].filter((s) => s.event === eventName || s.event === '*');

/** The job names subscribed to an event, once each even if subscribed twice (whatever their `when` would answer). */
export function tasksFor(eventName: EventName): string[] {
  return [...new Set(subscribedTo(eventName).map((s) => s.task.name))];
}

/** The job names to enqueue for each event name of `events`, in `ctx`'s transaction: tasksFor less the subscriptions whose `when` says no. */
export async function tasksToQueue(ctx: Ctx, events: ReadonlyArray<Occurrence & { name: EventName }>): Promise<Map<EventName, string[]>> {
  const byName = new Map<EventName, Occurrence[]>();
  for (const e of events) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  const queued = new Map<EventName, string[]>();
  for (const [name, occurrences] of byName) {
    const names = new Set<string>();
    for (const s of subscribedTo(name)) if (!names.has(s.task.name) && (!s.when || await s.when(ctx, name, occurrences))) names.add(s.task.name);
    queued.set(name, [...names]);
  }
  return queued;
}
