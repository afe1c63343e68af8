/**
 * An example action plugin (docs/automation.md, "Writing an action plugin"): tags a ticket
 * by the words of its subject. Each rule names words and the tags they bring: a subject
 * with "invoice" or "refund" gets `billing`, one with "down" or "outage" gets `incident`.
 * Matching is on whole words, case- and accent-insensitive, so "Factura" matches "factura"
 * and "facturación" does not match "factura".
 *
 * Load it with PARLEY_ACTION_PLUGINS=examples/action-plugins/tag-by-keywords.ts; it then
 * appears among the action types of the trigger screen, its form drawn from `config`.
 */
import { z } from 'zod';
import type { ActionType } from '../../src/domain/automation/action-type.ts';

const config = z.object({
  rules: z.array(z.object({
    words: z.array(z.string().trim().min(1).max(50)).min(1).max(50).describe('any of these words in the subject'),
    tags: z.array(z.string().trim().min(1).max(50)).min(1).max(10).describe('the tags to add'),
  })).min(1).max(50),
});

/** Lowercase, without accents, split into words (letters and digits of any script). */
const words = (text: string): string[] =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The tags the rules give a subject, once each, in rule order. */
export function tagsFor(subject: string, rules: z.infer<typeof config>['rules']): string[] {
  const inSubject = new Set(words(subject));
  const tags = rules.filter((r) => r.words.some((w) => words(w).every((part) => inSubject.has(part)))).flatMap((r) => r.tags);
  return [...new Set(tags)];
}

const tagByKeywords: ActionType<typeof config> = {
  type: 'example.tag_by_keywords',
  label: 'Tag by keywords in the subject',
  config,
  // It only tags, through ops: it may run inside its run's transaction (docs/automation.md).
  inTransaction: true,
  async run({ ticket, ops }, c) {
    const tags = tagsFor(ticket.subject, c.rules);
    if (tags.length === 0) return 'no rule matched the subject';
    await ops.addTags(tags);
    return `added ${tags.join(', ')}`;
  },
};

export default tagByKeywords;
