import type { AttachmentStore } from '../../domain/attachments/attachment-store.ts';
import type { Db } from '../../db/client.ts';
import { sweepOrphanAttachments } from '../../domain/attachments/sweep-orphan-attachments.ts';
import { defineTask } from '../define-task.ts';
import { slotPayload } from '../schedule.ts';

/** Deletes stored attachment files no row points at and stale staged uploads (scheduled every 6 hours). */
export const cleanupAttachmentsTask = defineTask({
  name: 'attachments.sweep_orphans',
  payload: slotPayload,
  async run(deps: { db: Db; attachments?: AttachmentStore }) {
    if (deps.attachments) await sweepOrphanAttachments(deps.db, deps.attachments);
  },
});
