/** The interactive API documentation, as a person sees it in a real Chromium. */
import type { Browser } from 'playwright-core';
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

describe('/tickets/api/docs in Chromium', () => {
  it('renders every documented operation and its schemas', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/tickets/api/docs`);
    await page.waitForSelector('.opblock', { timeout: 20_000 });
    const operations = await page.$$eval('.opblock-summary-path', (els) => els.map((e) => e.textContent?.replace(/\u200b/g, '').trim()));
    expect(operations).toEqual(expect.arrayContaining(['/tickets/api/tickets/', '/tickets/api/tickets/{id}/reply/', '/tickets/api/departments/', '/tickets/api/tags/']));
    await page.click('#operations-tickets-createTicket');
    await page.waitForSelector('.opblock.is-open .model-example, .opblock.is-open .body-param__example', { timeout: 10_000 });
    expect(await page.textContent('.opblock.is-open')).toContain('messages');
    expect(errors).toEqual([]);
    await page.close();
  });
});
