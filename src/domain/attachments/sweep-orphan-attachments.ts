/**
 * Deletes stored files that no attachment row points at (a request that failed after
 * its files were stored, a pruned ticket, a deleted tenant, mail that was quarantined)
 * and staged files that a crash or a killed request left behind.
 */
import type { Db } from '../../db/client.ts';
import type { AttachmentStore, BlobEntry } from './attachment-store.ts';
import { findReferencedHashes } from './attachments.repo.ts';

/**
 * A stored file younger than this is never deleted: every write into the store renames
 * a fresh file into place shortly before the transaction that records it commits, so a
 * young unreferenced file may belong to a request still in progress.
 */
export const ORPHAN_GRACE_MS = 6 * 3600_000;
/** A staged file untouched this long belongs to no live request (uploads write as they go). */
export const STALE_TEMP_MS = 6 * 3600_000;

export interface SweepResult { removedBlobs: number; removedTemps: number }

/** Sweeps the whole store, one shard (`sha256[0..2]`) at a time, so memory stays flat. */
export async function sweepOrphanAttachments(db: Db, store: AttachmentStore, now = Date.now()): Promise<SweepResult> {
  let removedBlobs = 0;
  const cutoff = now - ORPHAN_GRACE_MS;
  for (let i = 0; i < 256; i++) {
    const old = (await store.listShard(i.toString(16).padStart(2, '0'))).filter((b) => b.mtimeMs < cutoff);
    for (const [tenantId, blobs] of byTenant(old)) {
      for (let at = 0; at < blobs.length; at += 500) {
        const batch = blobs.slice(at, at + 500).map((b) => b.sha256);
        const referenced = await findReferencedHashes(db, tenantId, batch);
        for (const sha256 of batch.filter((h) => !referenced.has(h))) {
          // Kept when the file is younger than the cutoff by now: stored again since it was listed.
          if (await store.removeUnless(tenantId, sha256, (s) => s.mtimeMs >= cutoff)) removedBlobs++;
        }
      }
    }
  }
  return { removedBlobs, removedTemps: await store.removeStaleTemps(now - STALE_TEMP_MS) };
}

function byTenant(blobs: BlobEntry[]): Map<string, BlobEntry[]> {
  const out = new Map<string, BlobEntry[]>();
  for (const b of blobs) out.set(b.tenantId, [...(out.get(b.tenantId) ?? []), b]);
  return out;
}
