import type { Db } from '../../db/client.ts';
import type { AttachmentStore } from '../../domain/attachments/attachment-store.ts';
import { sweepOrphanAttachments } from '../../domain/attachments/sweep-orphan-attachments.ts';

/** Deletes stored attachment files no row points at and stale staged uploads (scheduled every 6 hours). */
export function cleanupAttachmentsTask(deps: { db: Db; attachments?: AttachmentStore }) {
  return async (): Promise<void> => {
    if (deps.attachments) await sweepOrphanAttachments(deps.db, deps.attachments);
  };
}
