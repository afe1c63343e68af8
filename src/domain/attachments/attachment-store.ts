/**
 * Attachment bytes on disk, per tenant and content-addressed:
 * <root>/<tenant>/<sha256[0..2]>/<sha256>. Writes go to a temporary file first and are
 * renamed into place, so a crash never leaves a half-written blob under its final name.
 * The same content stored twice is kept once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeError } from '../shared/errors.ts';

export interface StoredBlob { sha256: string; size: number }

export class AttachmentStore {
  constructor(private readonly root: string) {}

  /** Streams `input` into the store, refusing it once it grows past maxBytes. */
  async put(tenantId: string, input: Readable, maxBytes: number): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new PayloadTooLargeError(`The file is larger than the ${maxBytes} bytes allowed.`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, createWriteStream(tmp, { mode: 0o600 }));
    } catch (err) {
      await rm(tmp, { force: true });
      input.resume();
      throw err;
    }
    const sha256 = hash.digest('hex');
    const dir = join(this.root, safe(tenantId), sha256.slice(0, 2));
    await mkdir(dir, { recursive: true });
    await rename(tmp, join(dir, sha256));
    return { sha256, size };
  }

  async putBuffer(tenantId: string, data: Buffer): Promise<StoredBlob> {
    const { Readable } = await import('node:stream');
    return this.put(tenantId, Readable.from([data]), Number.MAX_SAFE_INTEGER);
  }

  open(tenantId: string, sha256: string): ReadStream {
    return createReadStream(this.pathOf(tenantId, sha256));
  }

  async exists(tenantId: string, sha256: string): Promise<boolean> {
    return stat(this.pathOf(tenantId, sha256)).then(() => true, () => false);
  }

  private pathOf(tenantId: string, sha256: string): string {
    if (!/^[a-f0-9]{64}$/.test(sha256)) throw new Error('invalid content address');
    return join(this.root, safe(tenantId), sha256.slice(0, 2), sha256);
  }
}

function safe(tenantId: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(tenantId)) throw new Error('invalid tenant id');
  return tenantId;
}
