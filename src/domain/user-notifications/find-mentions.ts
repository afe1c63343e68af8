/**
 * @mentions in an internal note (docs/notifications.md). The rule: `@` at the start or
 * after a space or punctuation (so `ana@example.com` is no mention), then a word of letters,
 * digits, `.`, `_` or `-`. The word names a staff member (active agent or admin of the
 * tenant) when, compared without case, accents, spaces, dots, dashes and underscores, it
 * equals their email's local part, their full name, or their first name. A word that names
 * nobody, or more than one person, mentions nobody. Customers can never be mentioned.
 */
import type { Db } from '../../db/client.ts';
import { listActiveStaff, type StaffName } from './mentions.repo.ts';

const MENTION = /(?<![\p{L}\p{N}_.+@-])@([\p{L}\p{N}][\p{L}\p{N}._-]*)/gu;

/** The words after each `@` in a text, in order, once each (trailing dots and dashes dropped). */
export function mentionWords(text: string): string[] {
  const words = [...text.matchAll(MENTION)].map((m) => m[1].replace(/[._-]+$/, '')).filter(Boolean);
  return [...new Set(words)];
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s._-]+/g, '');

/** The names a staff member answers to. */
function keysOf(u: StaffName): Set<string> {
  const first = u.name.trim().split(/\s+/)[0] ?? '';
  return new Set([fold(u.email.split('@')[0] ?? ''), fold(u.name), fold(first)].filter(Boolean));
}

/** The staff a text mentions, by the rule above, among `staff`; ids once each, in mention order. */
export function resolveMentions(text: string, staff: readonly StaffName[]): string[] {
  const keyed = staff.map((u) => ({ id: u.id, keys: keysOf(u) }));
  const ids: string[] = [];
  for (const word of mentionWords(text)) {
    const hits = keyed.filter((u) => u.keys.has(fold(word)));
    if (hits.length === 1 && !ids.includes(hits[0].id)) ids.push(hits[0].id);
  }
  return ids;
}

/** The staff of a tenant a note's text mentions (no query when the text has no `@`). */
export async function findMentions(db: Db, tenantId: string, text: string): Promise<string[]> {
  if (mentionWords(text).length === 0) return [];
  return resolveMentions(text, await listActiveStaff(db, tenantId));
}
