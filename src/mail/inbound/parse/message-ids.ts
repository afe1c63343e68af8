/** Pulls `<id>` tokens out of a Message-ID / In-Reply-To / References value. */
export function extractMessageIds(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = text.match(/<[^<>\s]+>/g);
  if (bracketed) return bracketed;
  // Some mailers omit the brackets; keep bare tokens that look like ids.
  return text.split(/[\s,]+/).filter((t) => t.includes('@')).map((t) => `<${t}>`);
}
