/**
 * The browser tests that `npm test` also runs on PostgreSQL (postgres-browser.txt); the
 * others run on SQLite only. A browser test drives the web app through the same API the
 * route tests check on both databases, so PostgreSQL gains little from most of them: the
 * ones kept walk every page and the main journeys over PostgreSQL's data (its types, its
 * search, its live updates through LISTEN/NOTIFY, its report queries), which is where a
 * page could show something the API tests did not pin. `npm test` fails on a listed file
 * that does not exist.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const LIST = fileURLToPath(new URL('./postgres-browser.txt', import.meta.url));

/** The listed files, relative to the repository root ('#' starts a comment). */
export function postgresBrowserFiles(): string[] {
  return readFileSync(LIST, 'utf8').split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
}
