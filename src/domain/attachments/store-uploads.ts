import type { Ctx } from '../shared/context.ts';
import type { NewAttachment } from '../tickets/append-message.ts';
import type { PromotedBlob, StagedBlob } from './attachment-store.ts';
import { findReferencedHashes } from './attachments.repo.ts';

/** A file of an upload, checked and written to a temporary file, not yet in the store. */
export interface StagedUpload { blob: StagedBlob; filename: string; contentType: string }

/**
 * Moves a request's staged files into the store, then runs the command that records
 * them. If the command fails (refused, not found, a database error), the files this
 * request added are taken back out, unless a row points at them after all (a failed
 * COMMIT may still have committed) or the database cannot say: then the orphan sweep
 * decides later. Files are moved in only now, after every part of the request passed.
 */
export async function withStoredUploads<T>(ctx: Ctx, staged: StagedUpload[], run: (files: NewAttachment[]) => Promise<T>): Promise<T> {
  const promoted: PromotedBlob[] = [];
  try {
    for (const u of staged) promoted.push(await ctx.attachments.promote(ctx.tenantId, u.blob));
    return await run(staged.map((u) => ({ sha256: u.blob.sha256, size: u.blob.size, filename: u.filename, contentType: u.contentType })));
  } catch (err) {
    await Promise.all(staged.map((u) => ctx.attachments.discard(u.blob)));
    const created = promoted.filter((p) => p.created);
    const referenced = created.length ? await findReferencedHashes(ctx.db, ctx.tenantId, created.map((p) => p.sha256)).catch(() => null) : null;
    if (referenced) {
      await Promise.all(created.filter((p) => !referenced.has(p.sha256)).map((p) => ctx.attachments.withdraw(ctx.tenantId, p).catch(() => {})));
    }
    throw err;
  }
}
