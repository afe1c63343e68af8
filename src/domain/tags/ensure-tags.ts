import { nextCounter } from '../tenants/tenants.repo.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';
import { slugify } from '../shared/text.ts';
import { isWellFormedText } from '../shared/well-formed-text.ts';
import { authorizeTag } from './tag.policy.ts';
import { findTagsByNames, insertTagIfAbsent, type TagRow } from './tags.repo.ts';

/** Normalises tag names: trimmed, lower-case, unique, 1–50 characters of well-formed text. */
export function normalizeTagNames(names: string[]): string[] {
  const out = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
  const bad = out.find((n) => n.length > 50);
  if (bad) throw ValidationError.field('tags', `"${bad.slice(0, 20)}…" is longer than 50 characters`);
  if (out.some((n) => !isWellFormedText(n))) throw ValidationError.field('tags', 'must be valid Unicode text');
  return out;
}

/**
 * Finds the tags by name, creating the missing ones (staff only: customers cannot tag).
 * Two requests creating the same new tag at once both get it: the insert skips a name
 * that appeared meanwhile, and the rows are read back rather than assumed.
 */
export async function ensureTags(ctx: Ctx, names: string[]): Promise<TagRow[]> {
  const wanted = normalizeTagNames(names);
  if (wanted.length === 0) return [];
  authorizeTag(ctx.actor, 'apply');
  const found = await findTagsByNames(ctx.db, ctx.tenantId, wanted);
  const known = new Set(found.map((t) => t.name));
  const missing = wanted.filter((n) => !known.has(n));
  if (missing.length === 0) return found;
  for (const name of missing) {
    const tag: TagRow = { tenant_id: ctx.tenantId, id: await nextCounter(ctx.db, ctx.tenantId, 'tag'), name, slug: slugify(name), created_at: nowIso() };
    await insertTagIfAbsent(ctx.db, tag);
  }
  return [...found, ...(await findTagsByNames(ctx.db, ctx.tenantId, missing))];
}
