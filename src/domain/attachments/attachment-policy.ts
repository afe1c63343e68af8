/**
 * The tenant's attachment rules (seed 002): a MIME whitelist and a maximum size.
 * Uploads outside them are refused (415 / 413) before anything is stored.
 */
import type { TenantSettings } from '../settings/registry.ts';
import { UnsupportedMediaTypeError } from '../shared/errors.ts';

/** The bare, lower-case type: "Image/PNG; name=x" → "image/png". */
export const bareMimeType = (type: string | undefined): string =>
  (type ?? 'application/octet-stream').split(';')[0].trim().toLowerCase() || 'application/octet-stream';

export function isMimeAllowed(settings: Pick<TenantSettings, 'allowed_mime_types'>, contentType: string): boolean {
  const type = bareMimeType(contentType);
  return settings.allowed_mime_types.some((allowed) => {
    const a = allowed.toLowerCase();
    return a === type || (a.endsWith('*') && type.startsWith(a.slice(0, -1)));
  });
}

export function assertMimeAllowed(settings: Pick<TenantSettings, 'allowed_mime_types'>, filename: string, contentType: string): void {
  if (!isMimeAllowed(settings, contentType)) {
    throw new UnsupportedMediaTypeError(`"${filename}" is of type ${bareMimeType(contentType)}, which this helpdesk does not accept.`);
  }
}

/**
 * Characters never kept in a stored file name: C0/C1 controls, the bidirectional
 * controls that make "gpj.exe" read as "exe.jpg" (U+202A–202E, U+2066–2069, U+200E/F,
 * U+061C), zero-width and line/paragraph separators, and lone surrogates.
 */
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A safe display name: no path, no control or bidi characters, not "." or "..", at most 255 characters. */
export function cleanFilename(name: string | undefined | null): string {
  const base = (name ?? '').replace(UNSAFE_IN_NAME, '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base.trim()].slice(0, 255).join('').trim();
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : 'attachment';
}
