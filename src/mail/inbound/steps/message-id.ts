/** Message-IDs compared without angle brackets or case differences in the domain part. */
export function bareMessageId(id: string | null | undefined): string | null {
  if (!id) return null;
  const bare = id.trim().replace(/^<|>$/g, '').trim();
  return bare ? bare.slice(0, 500) : null;
}
