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

/** A safe display name: no path, no control characters, at most 255 characters. */
export function cleanFilename(name: string | undefined | null): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return cleaned || 'attachment';
}
