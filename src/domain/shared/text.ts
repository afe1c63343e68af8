/** Lower-case ASCII slug: "Soporte Técnico" → "soporte-tecnico". */
export function slugify(value: string): string {
  return foldAccents(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64) || 'item';
}

/** Removes diacritics, so "facturación" matches "facturacion". */
export function foldAccents(value: string): string {
  return value.normalize('NFD').replace(/\p{M}+/gu, '');
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
