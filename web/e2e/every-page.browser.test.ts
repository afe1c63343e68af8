/**
 * Every page of the app, in every language (issue 10): each renders its heading and title
 * with no console error — a text with no translation logs one (src/i18n/index.ts), as do a
 * CSP refusal and a failed request — and the page's language is the person's. In English
 * each page is also checked by axe-core and kept as a screenshot; the other languages are
 * checked for missing texts and screenshot on the main pages only (the structure is the
 * same, and axe on every page in every language would cost minutes of CI for nothing new).
 * The list of admin pages comes from the admin menu itself, so a new screen is covered.
 * Languages are the web app's own matter (its texts and the person's language setting are
 * the same on either database), so on PostgreSQL every page is visited in English only:
 * the database differs in what the pages ask of the API, which English exercises as fully.
 * axe-core checks the page's markup, which the database does not change: it runs on
 * SQLite, and PostgreSQL keeps the screenshots.
 * Within a language the visits run at once (each person in a browser profile of their own,
 * the admin's pages split in three), as most of a visit is waiting for the page to settle;
 * the languages follow one another, as each sets the people's language.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { readFileSync } from 'node:fs';
import { testDialect } from '../../test/helpers/test-runtime.ts';
import { webHarness } from './harness.ts';

const h = webHarness();
/** The admin menu's paths, read from its list (importing it would pull the pages' JSX into this Node test). */
const ADMIN_PATHS = [...readFileSync(new URL('../src/scenes/admin/admin-sections.ts', import.meta.url), 'utf8').matchAll(/\{ path: '([a-z-]+)'/g)].map((m) => m[1]);
const ALL_LANGUAGES = [['en', 'en-US'], ['es', 'es-ES'], ['pt-BR', 'pt-BR']] as const;
const LANGUAGES = testDialect === 'postgres' ? ALL_LANGUAGES.slice(0, 1) : ALL_LANGUAGES;
/** English pages: a screenshot, and axe-core where it is not a repeat of the SQLite run. */
const englishShot = (page: Page, name: string) => (testDialect === 'postgres'
  ? page.screenshot({ path: `.test-results/screenshots/postgres/${name}.png`, fullPage: true }).then(() => undefined)
  : h.shot(page, name));
const people = { customer: { id: '', token: '' }, agent: { id: '', token: '' }, admin: { id: '', token: '' } };
let ticketId = '';

beforeAll(async () => {
  expect(ADMIN_PATHS.length).toBeGreaterThan(10);
  people.admin = await h.user('admin@example.com', 'Ada Admin', 'admin');
  people.agent = await h.user('agent@example.com', 'Alex Agent', 'agent', { departmentIds: [1] });
  people.customer = await h.user('carla@example.com', 'Carla Customer', 'customer');
  ticketId = (await h.api(people.customer.token, 'POST', '/tickets/', { subject: 'The printer is on fire', messages: [{ body: 'Smoke.' }] }, 201)).id;
  await h.api(people.agent.token, 'POST', `/tickets/${ticketId}/reply/`, { body: 'On our way.' }, 201);
}, 120_000);

/**
 * Waits for the page's first heading and its own title; a page still loading has neither.
 * `check` is the test's own expect (tests running at once cannot share the global one's poll).
 */
async function rendered(page: Page, url: string, check: ExpectStatic) {
  await page.goto(url);
  await page.locator('h1, h2').first().waitFor();
  await check.poll(() => page.title(), { message: `title of ${url}` }).toMatch(/. · Parley$/);
  await page.waitForLoadState('networkidle');
}

const signedInPages = (who: keyof typeof people): Array<[string, string]> => [
  ['tickets', '/tickets/'],
  ['dashboard', '/tickets/dashboard/'],
  ['new-ticket', '/tickets/new/'],
  ['thread', `/tickets/${ticketId}/`],
  ['profile', '/tickets/profile/'],
  ...(who === 'admin' ? ADMIN_PATHS.map((path): [string, string] => [`admin-${path}`, `/tickets/admin/${path}/`]) : []),
];
const MAIN = new Set(['sign-in', 'tickets', 'thread', 'new-ticket', 'admin-settings']);

/** The signed-in visits of one language: a person and a share of their pages (the admin's in three). */
type Visit = { who: keyof typeof people; share: string; part: number; of: number };
const VISITS: Visit[] = [
  { who: 'customer', share: 'all', part: 0, of: 1 }, { who: 'agent', share: 'all', part: 0, of: 1 },
  ...[0, 1, 2].map((part) => ({ who: 'admin' as const, share: `part ${part + 1} of 3`, part, of: 3 })),
];
const pagesOf = ({ who, part, of }: Visit) => {
  const pages = signedInPages(who);
  const size = Math.ceil(pages.length / of);
  return pages.slice(part * size, (part + 1) * size);
};

describe.each(LANGUAGES)('every page in %s', (language, locale) => {
  it.concurrent('signed out: sign in, register, forgot password', async ({ expect }) => {
    const { context, page, problems } = await h.openPage({ locale });
    for (const [name, path] of [['sign-in', '/tickets/sign-in/'], ['register', '/tickets/register/'], ['forgot-password', '/tickets/forgot-password/']]) {
      await rendered(page, `${h.base}${path}`, expect);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), { message: name, timeout: 10_000 }).toBe(language);
      if (language === 'en') await englishShot(page, `en-${name}`);
      else if (MAIN.has(name)) await page.screenshot({ path: `.test-results/screenshots/${process.env.PARLEY_TEST_DB ?? 'sqlite'}/${language}-${name}.png`, fullPage: true });
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it.concurrent.for(VISITS)('signed in as $who: every page of theirs ($share)', { timeout: 240_000 }, async (visit, { expect }) => {
    const { who } = visit;
    await h.api(people[who].token, 'PATCH', '/me/', { language }, 200);
    const { context, page, problems } = await h.openPage({ locale: 'en-US' });
    await h.signIn(page, `${who === 'customer' ? 'carla' : who}@example.com`);
    for (const [name, path] of pagesOf(visit)) {
      await rendered(page, `${h.base}${path}`, expect);
      // The person's language shows once its texts have loaded, which may be after the page's first render.
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), { message: `${who} ${name}`, timeout: 10_000 }).toBe(language);
      if (language === 'en') await englishShot(page, `en-${who}-${name}`);
      else if (MAIN.has(name)) await page.screenshot({ path: `.test-results/screenshots/${process.env.PARLEY_TEST_DB ?? 'sqlite'}/${language}-${who}-${name}.png`, fullPage: true });
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
