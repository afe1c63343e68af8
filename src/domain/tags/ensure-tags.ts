import { nextCounter } from '../tenants/tenants.repo.ts';
import { nowIso } from '../shared/clock.ts';
import { isStaff, type Ctx } from '../shared/context.ts';
import { ForbiddenError, ValidationError } from '../shared/errors.ts';
import { slugify } from '../shared/text.ts';
import { findTagsByNames, insertTag, type TagRow } from './tags.repo.ts';

/** Normalises tag names: trimmed, lower-case, unique, 1–50 characters. */
export function normalizeTagNames(names: string[]): string[] {
  const out = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
  const bad = out.find((n) => n.length > 50);
  if (bad) throw ValidationError.field('tags', `"${bad.slice(0, 20)}…" is longer than 50 characters`);
  return out;
}

/** Finds the tags by name, creating the missing ones (staff only: customers cannot tag). */
export async function ensureTags(ctx: Ctx, names: string[]): Promise<TagRow[]> {
  const wanted = normalizeTagNames(names);
  if (wanted.length === 0) return [];
  if (ctx.actor && !isStaff(ctx.actor)) throw new ForbiddenError('Only agents can tag tickets.');
  const found = await findTagsByNames(ctx.db, ctx.tenantId, wanted);
  const known = new Set(found.map((t) => t.name));
  for (const name of wanted.filter((n) => !known.has(n))) {
    const tag: TagRow = { tenant_id: ctx.tenantId, id: await nextCounter(ctx.db, ctx.tenantId, 'tag'), name, slug: slugify(name), created_at: nowIso() };
    await insertTag(ctx.db, tag);
    found.push(tag);
  }
  return found;
}
