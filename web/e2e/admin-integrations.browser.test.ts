/**
 * The integrations admin screen in Chromium (issue 12, seed 004): an admin enables the
 * Ferndesk endpoint, sees its URL once (the feed answers at it), picks the role name,
 * tests it and reads the result step by step, rotates the URL (the old one answers 404)
 * and disables it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { webHarness } from './harness.ts';

const h = webHarness();

beforeAll(async () => {
  await h.user('admin@example.com', 'Ada Admin', 'admin');
});

/** The feed at a URL shown on the screen, asked of this test's server (the URL names the configured public address). */
const feedAt = (url: string) => fetch(`${h.base}${new URL(url).pathname}?startDate=2020-01-01`);

describe('the integrations admin screen', () => {
  it('enables Ferndesk, shows the URL once, tests, rotates and disables it', async () => {
    const { page, problems } = await h.openPage({ allowConsole: /\b(401|404)\b/ });
    await h.signIn(page, 'admin@example.com');
    await page.goto(`${h.base}/tickets/admin/integrations/`);
    await page.getByRole('heading', { name: 'Integrations' }).waitFor();
    await page.getByText('Disabled.').waitFor();

    await page.getByRole('button', { name: 'Enable' }).click();
    const url = await page.getByLabel('Source URL', { exact: true }).inputValue();
    expect(url).toMatch(/\/tickets\/api\/integrations\/ferndesk\/feed\/fdk_[\w-]{43}\/$/);
    await page.getByRole('button', { name: 'Copy the URL' }).waitFor();
    const feed = await feedAt(url);
    expect(feed.status).toBe(200);
    expect(await feed.json()).toEqual({ conversations: [] });
    await h.shot(page, 'admin-integrations');

    await page.getByLabel('Role name of staff messages').selectOption('support_agent');
    await expect.poll(async () => (await page.request.get(`${h.base}/tickets/api/integrations/ferndesk/`)).json()).toMatchObject({ role_name: 'support_agent' });

    // The test URL is filled with the URL just shown; the result names each step.
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.getByRole('heading', { name: /Ferndesk (can|could not) read this endpoint\./ }).waitFor();
    await page.getByText(/Reachable \(HTTP/).waitFor();

    await page.getByRole('button', { name: 'I have kept it' }).click();
    expect(await page.getByLabel('Source URL', { exact: true }).count()).toBe(0);

    await page.getByRole('button', { name: 'Rotate the URL…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate' }).click();
    const rotated = await page.getByLabel('Source URL', { exact: true }).inputValue();
    expect(rotated).not.toBe(url);
    expect((await feedAt(url)).status).toBe(404);
    expect((await feedAt(rotated)).status).toBe(200);

    await page.getByRole('button', { name: 'Disable…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await page.getByText('Disabled.').waitFor();
    expect((await feedAt(rotated)).status).toBe(404);
    expect(problems).toEqual([]);
  }, 90_000);
});
