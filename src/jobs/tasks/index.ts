/** Every task the worker can run, by job name. */
import type { Db } from '../../db/client.ts';
import type { AttachmentStore } from '../../domain/attachments/attachment-store.ts';
import { MAILBOX_ALERT_TASK, mailboxAlertTask } from '../../mail/inbound/oauth/mailbox-alert.task.ts';
import type { MailTransport } from '../../mail/outbound/transport.ts';
import type { Task } from '../worker.ts';
import { cleanupAttachmentsTask } from './cleanup-attachments.task.ts';
import { cleanupIdempotencyKeysTask } from './cleanup-idempotency-keys.task.ts';
import { cleanupJobsTask } from './cleanup-jobs.task.ts';
import { cleanupSessionsTask } from './cleanup-sessions.task.ts';
import { sendPasswordResetTask } from './send-password-reset.task.ts';

export interface TaskDeps { db: Db; mail: MailTransport; baseUrl: string; from: string; attachments?: AttachmentStore }

export function buildTasks(deps: TaskDeps): Record<string, Task> {
  return {
    'mail.password_reset': sendPasswordResetTask(deps),
    'cleanup.sessions': cleanupSessionsTask(deps),
    'cleanup.idempotency_keys': cleanupIdempotencyKeysTask(deps),
    'cleanup.jobs': cleanupJobsTask(deps),
    'attachments.sweep_orphans': cleanupAttachmentsTask(deps),
    [MAILBOX_ALERT_TASK]: mailboxAlertTask(deps),
  };
}
