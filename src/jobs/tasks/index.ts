/**
 * Every task the worker can run, by job name: one line per task, each bound to the one
 * deps object the runtime builds (a task takes only the part of it it needs).
 */
import type { Services } from '../../domain/shared/context.ts';
import { mailboxAlertTask } from '../../mail/inbound/oauth/mailbox-alert.task.ts';
import { processInboundTask } from '../../mail/inbound/process-inbound.ts';
import { recoverStuckInboundTask } from '../../mail/inbound/recover-stuck-inbound.ts';
import { scanMailboxTask, scanMailboxesTask } from '../../mail/inbound/scan-due-mailboxes.ts';
import { deliverMailTask } from '../../mail/outbound/deliver-mail.task.ts';
import { cancelScheduledRepliesTask } from '../../mail/outbound/cancel-scheduled-replies.task.ts';
import { publishScheduledReplyTask } from '../../domain/tickets/publish-scheduled-reply.task.ts';
import { notifyMailWaitingTask } from '../../domain/user-notifications/notify-mail-waiting.task.ts';
import { notifyMailboxNeedsReauthTask } from '../../domain/user-notifications/notify-mailbox-needs-reauth.task.ts';
import { notifyWebhookDisabledTask } from '../../domain/webhooks/notify-webhook-disabled.task.ts';
import { checkTicketSlaTask } from '../../domain/sla/check-ticket-sla.task.ts';
import { sweepSlaTask } from '../../domain/sla/sweep-sla.task.ts';
import { recomputePolicySlaTask } from '../../domain/sla/recompute-policy-sla.task.ts';
import { notifySlaBreachedTask, notifySlaWarningTask } from '../../mail/outbound/notifications/notify-sla-alert.task.ts';
import { runTriggersTask } from '../../domain/automation/run-triggers.task.ts';
import { pruneInactiveTicketsTask } from '../../domain/inactivity/prune-inactive-tickets.task.ts';
import { backupDailyTask } from '../../domain/backup/backup-daily.task.ts';
import { mailSummaryReportTask } from '../../domain/reports/mail-summary-report.task.ts';
import { notifyDepartmentChangedTask } from '../../mail/outbound/notifications/notify-department-changed.task.ts';
import { notifyMessageCreatedTask } from '../../mail/outbound/notifications/notify-message-created.task.ts';
import { notifyNoteCreatedTask } from '../../mail/outbound/notifications/notify-note-created.task.ts';
import { notifyTicketAssignedTask } from '../../mail/outbound/notifications/notify-ticket-assigned.task.ts';
import { notifyTicketCreatedTask } from '../../mail/outbound/notifications/notify-ticket-created.task.ts';
import { notifyTicketResolvedTask } from '../../mail/outbound/notifications/notify-ticket-resolved.task.ts';
import { notifyCloseReminderTask } from '../../mail/outbound/notifications/notify-close-reminder.task.ts';
import { notifyBadRatingTask } from '../../mail/outbound/resolution/notify-bad-rating.task.ts';
import { notifyResolutionTask } from '../../mail/outbound/resolution/notify-resolution.task.ts';
import type { MailTransport } from '../../mail/outbound/transport.ts';
import type { Runtime } from '../../runtime.ts';
import { bindTask } from '../define-task.ts';
import type { Task } from '../worker.ts';
import { cleanupAttachmentsTask } from './cleanup-attachments.task.ts';
import { cleanupIdempotencyKeysTask } from './cleanup-idempotency-keys.task.ts';
import { cleanupJobsTask } from './cleanup-jobs.task.ts';
import { cleanupSessionsTask } from './cleanup-sessions.task.ts';
import { sendPasswordResetTask } from './send-password-reset.task.ts';

export interface TaskDeps extends Services {
  mail: MailTransport;
  /** The install's public URL, for links in mail. */
  baseUrl: string;
  /** The install's From address. */
  from: string;
  /** The whole runtime, for the tasks that need credentials and OAuth (mailbox scans); callable once start-up is done. */
  runtime(): Runtime;
}

export function buildTasks(deps: TaskDeps): Record<string, Task> {
  return {
    [sendPasswordResetTask.name]: bindTask(sendPasswordResetTask, deps),
    [cleanupSessionsTask.name]: bindTask(cleanupSessionsTask, deps),
    [cleanupIdempotencyKeysTask.name]: bindTask(cleanupIdempotencyKeysTask, deps),
    [cleanupJobsTask.name]: bindTask(cleanupJobsTask, deps),
    [cleanupAttachmentsTask.name]: bindTask(cleanupAttachmentsTask, deps),
    [mailboxAlertTask.name]: bindTask(mailboxAlertTask, deps),
    [processInboundTask.name]: bindTask(processInboundTask, deps),
    [recoverStuckInboundTask.name]: bindTask(recoverStuckInboundTask, deps),
    [scanMailboxesTask.name]: bindTask(scanMailboxesTask, deps),
    [scanMailboxTask.name]: bindTask(scanMailboxTask, deps),
    [notifyTicketCreatedTask.name]: bindTask(notifyTicketCreatedTask, deps),
    [notifyMessageCreatedTask.name]: bindTask(notifyMessageCreatedTask, deps),
    [notifyNoteCreatedTask.name]: bindTask(notifyNoteCreatedTask, deps),
    [notifyTicketAssignedTask.name]: bindTask(notifyTicketAssignedTask, deps),
    [notifyDepartmentChangedTask.name]: bindTask(notifyDepartmentChangedTask, deps),
    [notifyTicketResolvedTask.name]: bindTask(notifyTicketResolvedTask, deps),
    [notifyCloseReminderTask.name]: bindTask(notifyCloseReminderTask, deps),
    [notifyResolutionTask.name]: bindTask(notifyResolutionTask, deps),
    [notifyBadRatingTask.name]: bindTask(notifyBadRatingTask, deps),
    [deliverMailTask.name]: bindTask(deliverMailTask, deps),
    [cancelScheduledRepliesTask.name]: bindTask(cancelScheduledRepliesTask, deps),
    [publishScheduledReplyTask.name]: bindTask(publishScheduledReplyTask, deps),
    [notifyMailWaitingTask.name]: bindTask(notifyMailWaitingTask, deps),
    [notifyMailboxNeedsReauthTask.name]: bindTask(notifyMailboxNeedsReauthTask, deps),
    [notifyWebhookDisabledTask.name]: bindTask(notifyWebhookDisabledTask, deps),
    [checkTicketSlaTask.name]: bindTask(checkTicketSlaTask, deps),
    [sweepSlaTask.name]: bindTask(sweepSlaTask, deps),
    [recomputePolicySlaTask.name]: bindTask(recomputePolicySlaTask, deps),
    [notifySlaWarningTask.name]: bindTask(notifySlaWarningTask, deps),
    [notifySlaBreachedTask.name]: bindTask(notifySlaBreachedTask, deps),
    [runTriggersTask.name]: bindTask(runTriggersTask, deps),
    [pruneInactiveTicketsTask.name]: bindTask(pruneInactiveTicketsTask, deps),
    [mailSummaryReportTask.name]: bindTask(mailSummaryReportTask, deps),
    [backupDailyTask.name]: bindTask(backupDailyTask, deps),
  };
}
