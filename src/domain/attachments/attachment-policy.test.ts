import { Readable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../shared/errors.ts';
import { assertMimeAllowed, bareMimeType, cleanFilename } from './attachment-policy.ts';
import { AttachmentStore } from './attachment-store.ts';
import { effectiveMimeType } from './mime-types.ts';

describe('attachment policy', () => {
  const settings = { allowed_mime_types: ['image/png', 'text/plain', 'application/vnd.*'] };
  it('accepts whitelisted types, with wildcards, and refuses the rest with 415', () => {
    expect(() => assertMimeAllowed(settings, 'a.png', 'IMAGE/PNG; name=a.png')).not.toThrow();
    expect(() => assertMimeAllowed(settings, 'a.xlsx', 'application/vnd.ms-excel')).not.toThrow();
    expect(() => assertMimeAllowed(settings, 'a.exe', 'application/x-msdownload')).toThrow(UnsupportedMediaTypeError);
  });
  it('infers a type from the name when the sender said octet-stream', () => {
    expect(effectiveMimeType('error.log', 'application/octet-stream')).toBe('text/plain');
    expect(effectiveMimeType('x.tar.gz', undefined)).toBe('application/gzip');
    expect(effectiveMimeType('x.bin', 'application/octet-stream')).toBe('application/octet-stream');
    expect(effectiveMimeType('x.log', 'image/png')).toBe('image/png');
    expect(bareMimeType('')).toBe('application/octet-stream');
  });
  it('cleans file names of paths and control characters', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\a\\b.txt')).toBe('b.txt');
    expect(cleanFilename('a\u0000b\n.txt')).toBe('ab.txt');
    expect(cleanFilename('')).toBe('attachment');
  });
});

describe('AttachmentStore', () => {
  it('stores content once per tenant by its hash and refuses oversize streams', async () => {
    const root = mkdtempSync(join(tmpdir(), 'parley-store-'));
    const store = new AttachmentStore(root);
    const a = await store.put('t1', Readable.from([Buffer.from('hello '), Buffer.from('world')]), 100);
    const b = await store.putBuffer('t1', Buffer.from('hello world'));
    expect(a).toEqual(b);
    expect(a).toEqual({ sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9', size: 11 });
    expect(await store.exists('t2', a.sha256)).toBe(false);
    await expect(store.put('t1', Readable.from([Buffer.alloc(200)]), 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(() => store.open('../x', a.sha256)).toThrow();
    rmSync(root, { recursive: true, force: true });
  });
});
