/**
 * Operators add their own stripping patterns (seed 002 keeps "a bunch of strings and
 * regexes … in the config" for this): a JSON file named by PARLEY_MAIL_PATTERNS, e.g.
 *
 *   { "signatures": ["^Un saludo cordial,?$"], "separators": ["^=+ Respuesta anterior =+$"] }
 *
 * Each string is a regular expression tested, case-insensitively, against one trimmed
 * line; they are added to the built-in lists of reply-patterns.ts.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { REPLY_PATTERNS } from './reply-patterns.ts';

const LISTS = ['attribution', 'separators', 'forwardMarkers', 'signatures'] as const;
const schema = z.object(Object.fromEntries(LISTS.map((k) => [k, z.array(z.string().min(1).max(500)).max(200).optional()]))).strict();

const loaded = new Set<string>();

/** Adds the patterns of the file to the built-in lists (once per file); throws on a bad file or pattern. */
export function loadCustomPatterns(file: string): number {
  if (loaded.has(file)) return 0;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`PARLEY_MAIL_PATTERNS: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`PARLEY_MAIL_PATTERNS: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  let added = 0;
  for (const list of LISTS) {
    for (const [i, source] of (parsed.data[list] ?? []).entries()) {
      let re: RegExp;
      try {
        re = new RegExp(source, 'iu');
      } catch (err) {
        throw new Error(`PARLEY_MAIL_PATTERNS: ${list}[${i}] is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`);
      }
      // The built-in lists are frozen only by their type: extending them is the point.
      (REPLY_PATTERNS[list] as unknown as RegExp[]).push(re);
      added++;
    }
  }
  loaded.add(file);
  return added;
}
