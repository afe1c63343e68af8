/**
 * What a file's first bytes say it is. The declared type of an upload is the sender's
 * claim: `x.png.html` sent as image/png must not be shown inline as an image. A small
 * table of magic numbers covers the raster types that may show inline and the whitelist
 * types whose format has a signature; everything else keeps its declared type, and is
 * only ever served as a download.
 */

/** How many leading bytes the checks below need. */
export const SNIFF_BYTES = 16;

type Family = 'png' | 'jpeg' | 'gif' | 'webp' | 'pdf' | 'zip' | 'gzip' | 'ole';

const ascii = (b: Buffer, at: number, s: string) => b.length >= at + s.length && b.toString('latin1', at, at + s.length) === s;
const bytes = (b: Buffer, sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

const SIGNATURES: Array<{ family: Family; type: string; test: (b: Buffer) => boolean }> = [
  { family: 'png', type: 'image/png', test: (b) => bytes(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { family: 'jpeg', type: 'image/jpeg', test: (b) => bytes(b, [0xff, 0xd8, 0xff]) },
  { family: 'gif', type: 'image/gif', test: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  { family: 'webp', type: 'image/webp', test: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { family: 'pdf', type: 'application/pdf', test: (b) => ascii(b, 0, '%PDF-') },
  { family: 'zip', type: 'application/zip', test: (b) => bytes(b, [0x50, 0x4b, 0x03, 0x04]) || bytes(b, [0x50, 0x4b, 0x05, 0x06]) },
  { family: 'gzip', type: 'application/gzip', test: (b) => bytes(b, [0x1f, 0x8b]) },
  { family: 'ole', type: 'application/x-ole-storage', test: (b) => bytes(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
];

const RASTER = new Set<Family>(['png', 'jpeg', 'gif', 'webp']);

/** The format a declared type promises, when that format has a signature above. */
function familyOfDeclared(type: string): Family | null {
  if (type === 'image/png' || type === 'image/apng') return 'png';
  if (type === 'image/jpeg' || type === 'image/jpg' || type === 'image/pjpeg') return 'jpeg';
  if (type === 'image/gif') return 'gif';
  if (type === 'image/webp') return 'webp';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'application/gzip' || type === 'application/x-gzip' || type === 'application/x-compressed-tar') return 'gzip';
  if (/^application\/(zip|x-zip-compressed|epub\+zip|java-archive|vnd\.openxmlformats-officedocument\..+|vnd\.oasis\.opendocument\..+)$/.test(type)) return 'zip';
  if (/^application\/(msword|vnd\.ms-excel|vnd\.ms-powerpoint|vnd\.ms-outlook)$/.test(type)) return 'ole';
  return null;
}

/** The raster image type the bytes are (PNG, JPEG, GIF, WebP), or null. */
export function sniffRasterType(head: Buffer): string | null {
  const hit = SIGNATURES.find((s) => RASTER.has(s.family) && s.test(head));
  return hit?.type ?? null;
}

export interface ResolvedType { contentType: string; mismatch: boolean }

/**
 * The type to store a file under, from its declared (bare, lower-case) type and its
 * first bytes: a raster image is stored as what its bytes are; a file whose bytes
 * contradict a format it claims is stored as application/octet-stream (`mismatch`);
 * a file that claims nothing specific takes the type its signature shows.
 */
export function resolveContentType(declared: string, head: Buffer): ResolvedType {
  const found = SIGNATURES.find((s) => s.test(head));
  if (found && RASTER.has(found.family)) return { contentType: found.type, mismatch: declared !== found.type && familyOfDeclared(declared) !== found.family };
  const claimed = familyOfDeclared(declared);
  if (claimed) return claimed === found?.family ? { contentType: declared, mismatch: false } : { contentType: 'application/octet-stream', mismatch: true };
  if (found && found.family !== 'ole' && (declared === 'application/octet-stream' || declared.startsWith('text/'))) {
    return { contentType: found.type, mismatch: false };
  }
  return { contentType: declared, mismatch: false };
}
