/**
 * Which tasks run after which domain events: the one place that wires them. A task
 * listed here gets one job per event, enqueued in the same transaction as the event, so
 * it runs at least once after commit. Its job payload is the event's payload plus
 * `eventId`, `event` and `subjectId` (see eventJobPayload). Add one line per pair.
 */
import type { z } from 'zod';
import type { EventName } from '../domain/events/catalog.ts';
import type { TaskDefinition } from './define-task.ts';
import type { EventJob } from './event-job-payload.ts';
import { cancelScheduledRepliesTask } from '../mail/outbound/cancel-scheduled-replies.task.ts';
import { notifyDepartmentChangedTask } from '../mail/outbound/notifications/notify-department-changed.task.ts';
import { notifyMessageCreatedTask } from '../mail/outbound/notifications/notify-message-created.task.ts';
import { notifyNoteCreatedTask } from '../mail/outbound/notifications/notify-note-created.task.ts';
import { notifyTicketAssignedTask } from '../mail/outbound/notifications/notify-ticket-assigned.task.ts';
import { notifyTicketCreatedTask } from '../mail/outbound/notifications/notify-ticket-created.task.ts';
import { notifyTicketResolvedTask } from '../mail/outbound/notifications/notify-ticket-resolved.task.ts';
import { notifyMailWaitingTask } from '../domain/user-notifications/notify-mail-waiting.task.ts';
import { notifyMailboxNeedsReauthTask } from '../domain/user-notifications/notify-mailbox-needs-reauth.task.ts';
import { notifyWebhookDisabledTask } from '../domain/webhooks/notify-webhook-disabled.task.ts';

/**
 * An event and a task that takes its job: the compiler refuses a task whose payload
 * (eventJobPayload of another event, say) does not fit the event's. '*' takes any task.
 */
export type Subscription =
  | { [N in EventName]: { event: N; task: TaskDefinition<z.ZodType<unknown, EventJob<N>>> } }[EventName]
  | { event: '*'; task: TaskDefinition };

export const subscriptions: readonly Subscription[] = [
  // Mail to customers and agents (src/mail/outbound/notifications/, docs/mail-notifications.md).
  { event: 'ticket.created', task: notifyTicketCreatedTask },
  { event: 'message.created', task: notifyMessageCreatedTask },
  // A customer writing first cancels the ticket's scheduled replies (docs/mail-outbound.md, "Scheduled replies").
  { event: 'message.created', task: cancelScheduledRepliesTask },
  { event: 'note.created', task: notifyNoteCreatedTask },
  { event: 'ticket.assigned', task: notifyTicketAssignedTask },
  { event: 'ticket.department_changed', task: notifyDepartmentChangedTask },
  { event: 'ticket.status_changed', task: notifyTicketResolvedTask },
  // In-app only, to the admins: mail waits for a transport; a mailbox must be connected again (docs/notifications.md).
  { event: 'outgoing_mail.no_transport', task: notifyMailWaitingTask },
  { event: 'mailbox.needs_reauth', task: notifyMailboxNeedsReauthTask },
  { event: 'webhook.disabled', task: notifyWebhookDisabledTask },
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

/** The job names to enqueue for an event, once each even if subscribed twice. */
export function tasksFor(eventName: EventName): string[] {
  const all = [...subscriptions, ...extraSubscriptions].filter((s) => s.event === eventName || s.event === '*');
  return [...new Set(all.map((s) => s.task.name))];
}
