/** The interactive API documentation, as a person sees it in a real Chromium. */
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../test/helpers/browser.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildApp } from '../app.ts';

let t: TestRuntime;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  t = await createTestRuntime();
  app = await buildApp(t.rt);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app.close();
  await t.cleanup();
});

describe('/tickets/api/docs in Chromium', () => {
  it('renders every documented operation and its schemas', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/tickets/api/docs`);
    await page.waitForSelector('.opblock', { timeout: 20_000 });
    const operations = await page.$$eval('.opblock-summary-path', (els) => els.map((e) => e.textContent?.replace(/\u200b/g, '').trim()));
    expect(operations).toEqual(expect.arrayContaining(['/tickets/api/tickets/', '/tickets/api/tickets/{id}/reply/', '/tickets/api/departments/', '/tickets/api/tags/']));
    await page.click('#operations-tickets-post_tickets_api_tickets_');
    await page.waitForSelector('.opblock.is-open .model-example, .opblock.is-open .body-param__example', { timeout: 10_000 });
    expect(await page.textContent('.opblock.is-open')).toContain('messages');
    expect(errors).toEqual([]);
    await page.close();
  });
});
