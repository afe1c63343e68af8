/**
 * The interactive API documentation, as a person sees it in a real Chromium.
 *
 * Swagger UI (5.34, bundled by @fastify/swagger-ui) virtualizes the list of operations once
 * it holds 150 rows or more (tags plus operations): only the rows near the viewport are in
 * the DOM, the rest appear as the page scrolls. So "every operation is rendered" is checked
 * as a reader finds them: scrolling through the page, and by deep link.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserTest, stopBrowserTest, type BrowserTest } from '../../../test/helpers/browser.ts';

let s: BrowserTest;
let browser: Browser;
let base: string;

beforeAll(async () => {
  s = await startBrowserTest();
  ({ browser, base } = s);
});
afterAll(async () => stopBrowserTest(s));

/** The operationIds of the document the docs page loads. */
async function documentedOperations(): Promise<string[]> {
  const doc = await (await fetch(`${base}/tickets/api/docs/json`)).json() as { paths: Record<string, Record<string, { operationId: string }>> };
  return Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
}

/**
 * Collects the operationIds rendered now (a row's id is operations-<tag>-<operationId>), then
 * scrolls half a screen down, or back to the top from the bottom: rows the virtualizer had
 * not rendered yet when the page moved on are met on the next pass.
 */
async function scrollAndCollect(page: Page, seen: Set<string>): Promise<number> {
  for (const id of await page.$$eval('.opblock', (els) => els.map((e) => e.id))) seen.add(id.split('-').at(-1)!);
  await page.evaluate(() => {
    const atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    if (atBottom) window.scrollTo(0, 0);
    else window.scrollBy(0, window.innerHeight / 2);
  });
  return seen.size;
}

function watchErrors(page: Page, errors: string[]): Page {
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

describe('/tickets/api/docs in Chromium', () => {
  it('renders every documented operation and its schemas', async () => {
    const expected = await documentedOperations();
    expect(expected.length).toBeGreaterThan(50);
    const errors: string[] = [];
    const page = watchErrors(await browser.newPage(), errors);
    await page.goto(`${base}/tickets/api/docs`);
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const seen = new Set<string>();
    await expect.poll(() => scrollAndCollect(page, seen), { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(expected.length);
    expect(expected.filter((id) => !seen.has(id))).toEqual([]);

    // A deep link renders and opens its operation wherever it is in the list.
    const ticket = watchErrors(await browser.newPage(), errors);
    await ticket.goto(`${base}/tickets/api/docs#/tickets/createTicket`);
    // The row may be re-rendered while the virtualizer settles: read it afresh each time.
    const openText = () => ticket.evaluate(() => (document.querySelector('#operations-tickets-createTicket.is-open')?.textContent ?? '').replace(/\u200b/g, ''));
    await expect.poll(openText, { timeout: 30_000 }).toContain('/tickets/api/tickets/');
    // Its request body example names the seed's fields.
    await expect.poll(openText, { timeout: 30_000 }).toContain('messages');
    expect(errors).toEqual([]);
    await page.close();
    await ticket.close();
  }, 150_000);
});
