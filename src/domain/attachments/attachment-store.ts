/**
 * Attachment bytes on disk, per tenant and content-addressed:
 * <root>/<tenant>/<sha256[0..2]>/<sha256>. Bytes are first staged in <root>/tmp/ and
 * renamed into place only once the request that brought them is accepted, so a refused
 * upload never reaches the store and a crash never leaves a half-written blob under its
 * final name. The same content stored twice is kept once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeError } from '../shared/errors.ts';
import { SNIFF_BYTES } from './sniff-content-type.ts';

export interface StoredBlob { sha256: string; size: number }

/** Bytes written to a temporary file, not yet in the store. */
export interface StagedBlob extends StoredBlob { tmpPath: string; head: Buffer }

/** A blob renamed into the store; `created` when no file of that content was there before. */
export interface PromotedBlob extends StoredBlob { created: boolean; ino: number }

export interface BlobEntry { tenantId: string; sha256: string; mtimeMs: number }

const SHA256 = /^[a-f0-9]{64}$/;
const TENANT = /^[A-Za-z0-9-]+$/;

export class AttachmentStore {
  constructor(private readonly root: string) {}

  /**
   * Streams `input` to a temporary file, refusing it (413, temp removed) once it grows
   * past maxBytes; `onBytes` sees every chunk, so a caller can also bound a whole request.
   */
  async stage(input: Readable, maxBytes: number, onBytes?: (n: number) => void): Promise<StagedBlob> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmpPath = join(this.tmpDir, randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    const heads: Buffer[] = [];
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new PayloadTooLargeError(`The file is larger than the ${maxBytes} bytes allowed.`));
        try { onBytes?.(chunk.length); } catch (err) { return done(err as Error); }
        if (size - chunk.length < SNIFF_BYTES) heads.push(chunk.subarray(0, SNIFF_BYTES));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const out = createWriteStream(tmpPath, { mode: 0o600 });
    try {
      await pipeline(input, meter, out);
    } catch (err) {
      // A file stream destroyed before its file was opened still opens (creates) it, then
      // closes it: removing the file before that left an empty temp behind (seen when a
      // truncated upload failed at once). Wait for the close, then remove.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await rm(tmpPath, { force: true });
      throw err;
    }
    return { tmpPath, sha256: hash.digest('hex'), size, head: Buffer.concat(heads).subarray(0, SNIFF_BYTES) };
  }

  /** Renames a staged file into the store (always: the rename gives it a fresh mtime, which the orphan sweep respects). */
  async promote(tenantId: string, blob: StagedBlob): Promise<PromotedBlob> {
    const path = this.pathOf(tenantId, blob.sha256);
    await mkdir(join(path, '..'), { recursive: true });
    const existed = await lstat(path).then(() => true, () => false);
    await rename(blob.tmpPath, path);
    const { ino } = await stat(path);
    return { sha256: blob.sha256, size: blob.size, created: !existed, ino };
  }

  /** Removes a staged file that will not be used. */
  async discard(blob: Pick<StagedBlob, 'tmpPath'>): Promise<void> {
    await rm(blob.tmpPath, { force: true });
  }

  /**
   * Takes back a blob this request put into the store, when its request failed: only a
   * file it created, and only while it is still that very file (same inode), so content
   * that another request stored meanwhile is left alone.
   */
  async withdraw(tenantId: string, blob: PromotedBlob): Promise<void> {
    if (blob.created) await this.removeUnless(tenantId, blob.sha256, (s) => s.ino !== blob.ino);
  }

  /** Stages and promotes at once: for content already accepted (mail the pipeline keeps). */
  async put(tenantId: string, input: Readable, maxBytes: number): Promise<StoredBlob> {
    const { sha256, size } = await this.promote(tenantId, await this.stage(input, maxBytes));
    return { sha256, size };
  }

  async putBuffer(tenantId: string, data: Buffer): Promise<StoredBlob> {
    return this.put(tenantId, Readable.from([data]), Number.MAX_SAFE_INTEGER);
  }

  open(tenantId: string, sha256: string): ReadStream {
    return createReadStream(this.pathOf(tenantId, sha256));
  }

  /** The first `n` bytes of a stored blob, to check what it really is before serving it inline. */
  async readHead(tenantId: string, sha256: string, n = SNIFF_BYTES): Promise<Buffer> {
    const fh = await open(this.pathOf(tenantId, sha256), 'r');
    try {
      const buf = Buffer.alloc(n);
      const { bytesRead } = await fh.read(buf, 0, n, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }

  async exists(tenantId: string, sha256: string): Promise<boolean> {
    return stat(this.pathOf(tenantId, sha256)).then(() => true, () => false);
  }

  /** Every blob in one shard (`sha256[0..2]`) of every tenant, for the orphan sweep. */
  async listShard(shard: string): Promise<BlobEntry[]> {
    const out: BlobEntry[] = [];
    for (const tenantId of await listDir(this.root)) {
      if (tenantId === 'tmp' || !TENANT.test(tenantId)) continue;
      for (const sha256 of await listDir(join(this.root, tenantId, shard))) {
        if (!SHA256.test(sha256)) continue;
        const s = await stat(join(this.root, tenantId, shard, sha256)).catch(() => null);
        if (s?.isFile()) out.push({ tenantId, sha256, mtimeMs: s.mtimeMs });
      }
    }
    return out;
  }

  /**
   * Deletes a blob unless `keep` says otherwise about the file actually removed. The
   * file is first renamed aside, atomically, and put back when `keep` holds (another
   * request stored the same content meanwhile: the bytes are identical, so putting
   * them back can never clobber anything). Returns whether it was deleted.
   */
  async removeUnless(tenantId: string, sha256: string, keep: (s: { ino: number; mtimeMs: number }) => boolean): Promise<boolean> {
    const path = this.pathOf(tenantId, sha256);
    await mkdir(this.tmpDir, { recursive: true });
    const aside = join(this.tmpDir, `removing-${randomBytes(12).toString('hex')}`);
    if (!(await rename(path, aside).then(() => true, () => false))) return false;
    const s = await stat(aside);
    if (keep(s)) {
      await rename(aside, path);
      return false;
    }
    await rm(aside, { force: true });
    return true;
  }

  /** Deletes staged files untouched since `before` (left by a crash or a killed request). */
  async removeStaleTemps(before: number): Promise<number> {
    let removed = 0;
    for (const name of await listDir(this.tmpDir)) {
      const path = join(this.tmpDir, name);
      const s = await stat(path).catch(() => null);
      if (s?.isFile() && s.mtimeMs < before) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  private get tmpDir(): string {
    return join(this.root, 'tmp');
  }

  private pathOf(tenantId: string, sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error('invalid content address');
    return join(this.root, safe(tenantId), sha256.slice(0, 2), sha256);
  }
}

function safe(tenantId: string): string {
  if (!TENANT.test(tenantId) || tenantId === 'tmp') throw new Error('invalid tenant id');
  return tenantId;
}

const listDir = (dir: string): Promise<string[]> => readdir(dir).catch(() => []);
