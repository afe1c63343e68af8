/** The reset page as a person uses it in a real Chromium, under its CSP. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserTest, stopBrowserTest, type BrowserTest } from '../../../test/helpers/browser.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { insertPasswordReset } from '../../domain/auth/password-resets.repo.ts';
import { hashToken, randomToken } from '../../domain/auth/secrets.ts';
import { createUser } from '../../domain/users/create-user.ts';

let s: BrowserTest;
let t: TestRuntime;
let browser: Browser;
let base: string;

beforeAll(async () => {
  s = await startBrowserTest();
  ({ t, browser, base } = s);
});
afterAll(async () => stopBrowserTest(s));

describe('/tickets/reset-password/ in Chromium', () => {
  it('sets the password from the mailed link and says so', async () => {
    const user = await createUser(t.rt.systemCtx(t.rt.defaultTenantId), { email: 'page@example.com', name: 'Page', role: 'customer', password: 'the old password' });
    const token = randomToken(32);
    await insertPasswordReset(t.rt.db, t.rt.defaultTenantId, user.id, hashToken(token), new Date(Date.now() + 60_000).toISOString());
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    // Chromium asks for /favicon.ico on its own; every other failure (a CSP refusal, a script error) counts.
    page.on('console', (m) => { if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) problems.push(m.text()); });
    await page.goto(`${base}/tickets/reset-password/?token=${token}&tenant=default`);
    expect(new URL(page.url()).search).toBe(''); // the token leaves the address bar
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the new password').fill('short');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/at least 10 characters/);
    await page.getByLabel('New password', { exact: true }).fill('chosen in chromium');
    await page.getByLabel('Repeat the new password').fill('chosen in chromium');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/password was changed/);
    expect(problems, problems.join('\n')).toEqual([]);
    const signIn = await s.app.inject({ method: 'POST', url: '/tickets/api/auth/token/', payload: { email: 'page@example.com', password: 'chosen in chromium' } });
    expect(signIn.statusCode).toBe(200);

    // The same link again: used up.
    await page.goto(`${base}/tickets/reset-password/?token=${token}&tenant=default`);
    await page.getByLabel('New password', { exact: true }).fill('another good password');
    await page.getByLabel('Repeat the new password').fill('another good password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/invalid, expired or already used/);
    await page.close();
  }, 60_000);
});
