import { Readable } from 'node:stream';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../shared/errors.ts';
import { assertMimeAllowed, bareMimeType, cleanFilename } from './attachment-policy.ts';
import { AttachmentStore } from './attachment-store.ts';
import { effectiveMimeType } from './mime-types.ts';
import { resolveContentType } from './sniff-content-type.ts';

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
  it('strips bidi controls, zero-width characters and lone surrogates, never leaving a path or "."', () => {
    expect(cleanFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanFilename('\u2066a\u2069\u200E\u200Fb\u202A\u202B\u202C\u202D.txt')).toBe('ab.txt');
    expect(cleanFilename('a\u200Bb\uFEFF\u0085c\ud800.txt')).toBe('abc.txt');
    expect(cleanFilename('x/\u202E/..')).toBe('attachment');
    expect(cleanFilename('..')).toBe('attachment');
    expect(cleanFilename('foto 🔥.png')).toBe('foto 🔥.png');
    expect([...cleanFilename('🔥'.repeat(300))]).toHaveLength(255);
  });
});

describe('resolveContentType', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const html = Buffer.from('<html><script>x</script>');
  it('stores a raster image as what its bytes are', () => {
    expect(resolveContentType('image/png', png)).toEqual({ contentType: 'image/png', mismatch: false });
    expect(resolveContentType('text/plain', png).contentType).toBe('image/png');
    expect(resolveContentType('image/jpeg', png).contentType).toBe('image/png');
    expect(resolveContentType('image/jpg', Buffer.from('ffd8ffe000104a464946', 'hex'))).toEqual({ contentType: 'image/jpeg', mismatch: false });
    expect(resolveContentType('image/gif', Buffer.from('GIF89a\x01\x00', 'latin1')).contentType).toBe('image/gif');
    expect(resolveContentType('image/webp', Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1')).contentType).toBe('image/webp');
  });
  it('demotes bytes that contradict the format they claim to application/octet-stream', () => {
    for (const claimed of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'application/zip', 'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/gzip']) {
      expect(resolveContentType(claimed, html), claimed).toEqual({ contentType: 'application/octet-stream', mismatch: true });
    }
    expect(resolveContentType('image/png', Buffer.alloc(0)).mismatch).toBe(true);
  });
  it('keeps a type the bytes confirm, and a type without a signature as declared', () => {
    expect(resolveContentType('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', Buffer.from('PK\x03\x04', 'latin1')).contentType)
      .toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(resolveContentType('application/msword', Buffer.from('d0cf11e0a1b11ae1', 'hex')).contentType).toBe('application/msword');
    expect(resolveContentType('text/plain', Buffer.from('ERROR 500')).contentType).toBe('text/plain');
    expect(resolveContentType('text/html', html).contentType).toBe('text/html');
    expect(resolveContentType('application/octet-stream', Buffer.from('%PDF-1.7')).contentType).toBe('application/pdf');
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
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  });

  it('stages outside the store, and takes back only what a failed request itself added', async () => {
    const root = mkdtempSync(join(tmpdir(), 'parley-store-'));
    const store = new AttachmentStore(root);
    const staged = await store.stage(Readable.from([Buffer.from('staged bytes')]), 100);
    expect(await store.exists('t1', staged.sha256)).toBe(false);
    expect(staged.head.toString()).toBe('staged bytes');
    const mine = await store.promote('t1', staged);
    expect(mine.created).toBe(true);
    // Another request stores the same content after this one: withdrawing must not remove it.
    const theirs = await store.promote('t1', await store.stage(Readable.from([Buffer.from('staged bytes')]), 100));
    expect(theirs.created).toBe(false);
    await store.withdraw('t1', mine);
    expect(await store.exists('t1', staged.sha256)).toBe(true);
    // Alone, a created blob is taken back; one that was there before is not.
    const alone = await store.promote('t1', await store.stage(Readable.from([Buffer.from('alone')]), 100));
    await store.withdraw('t1', alone);
    expect(await store.exists('t1', alone.sha256)).toBe(false);
    await store.withdraw('t1', theirs);
    expect(await store.exists('t1', staged.sha256)).toBe(true);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  });
});
