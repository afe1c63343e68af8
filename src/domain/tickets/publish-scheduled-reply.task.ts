/**
 * `tickets.publish_scheduled_reply`: at send time, a scheduled reply becomes the customer's
 * to see (thread and search). Runs from a job due at send_at (moved when send_at changes);
 * a job that runs early (send_at moved later) waits again, and a cancelled reply is never
 * published. Publishing records `message.published`, which the customer's live stream hears.
 */
import { z } from 'zod';
import { systemCtx, type Services } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { recordEvent } from '../events/record-event.ts';
import { nowIso } from '../shared/clock.ts';
import { DeferJob } from '../../jobs/defer-job.ts';
import { defineTask } from '../../jobs/define-task.ts';
import { indexDocument } from '../search/search.repo.ts';
import { findMessage } from './messages.repo.ts';
import { findScheduledReply, updateWaitingScheduledReply } from './scheduled-replies.repo.ts';

export const PUBLISH_TASK = 'tickets.publish_scheduled_reply';

/** The one publish job of a scheduled reply (moved, never duplicated, when send_at changes). */
export const publishJobKey = (messageId: string): string => `${PUBLISH_TASK}:${messageId}`;

export const publishScheduledReplyTask = defineTask({
  name: PUBLISH_TASK,
  payload: z.object({ message_id: z.string().min(1) }),
  async run(deps: Services, p, job) {
    const tenantId = job.tenantId;
    if (!tenantId) return;
    const row = await findScheduledReply(deps.db, tenantId, p.message_id);
    if (!row || row.published_at || row.cancelled_at) return;
    const wait = Date.parse(row.send_at) - Date.now();
    if (wait > 0) throw new DeferJob(wait, 'scheduled for later');
    await inTransaction(systemCtx(deps, tenantId, 'jobs'), async (tx) => {
      const at = nowIso();
      if (!(await updateWaitingScheduledReply(tx.db, tenantId, row.message_id, { published_at: at, updated_at: at }))) return;
      const message = await findMessage(tx.db, tenantId, row.message_id);
      if (!message) return;
      if (message.body) {
        await indexDocument(tx.db, deps.dialect, tenantId, { ticketId: message.ticket_id, sourceId: `message:${message.id}`, text: message.body, internal: false });
      }
      await recordEvent(tx, { name: 'message.published', subjectType: 'ticket', subjectId: message.ticket_id, payload: { message_id: message.id, author_id: message.author_id } });
    });
  },
});
