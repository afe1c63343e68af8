/**
 * The "Inactive tickets" section of the settings screen (issue 11, docs/automation-inactivity.md)
 * in a real Chromium under the CSP: the statuses to remind and close are checkboxes with
 * their explanation; an admin adds one, saves, and the server holds the list in the
 * options' order. A Spanish-speaking admin reads the section in Spanish.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { webHarness } from './harness.ts';

const h = webHarness();
let admin: { id: string; token: string };

beforeAll(async () => {
  admin = await h.user('admin@example.com', 'Ada Admin', 'admin');
  await h.user('sofia@example.com', 'Sofía Admin', 'admin', { language: 'es' });
}, 180_000);

describe('admin: inactive tickets settings', () => {
  it('chooses the statuses to remind and close', async () => {
    const { page, problems, context } = await h.openPage();
    await page.goto(`${h.base}/tickets/admin/settings/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await h.signIn(page, 'admin@example.com');
    const section = page.getByRole('region', { name: 'Inactive tickets' });
    const statuses = section.getByRole('group', { name: 'Statuses to remind and close' });
    await section.getByText('Only tickets in these statuses are reminded and closed', { exact: false }).waitFor();
    await expect.poll(() => statuses.getByRole('checkbox', { name: 'Pending customer' }).isChecked()).toBe(true);
    expect(await statuses.getByRole('checkbox', { name: 'Resolved' }).isChecked()).toBe(true);
    expect(await statuses.getByRole('checkbox', { name: 'Open' }).isChecked()).toBe(false);
    await statuses.getByRole('checkbox', { name: 'Open' }).check();
    await section.getByRole('switch', { name: 'Close inactive tickets' }).click();
    await section.getByRole('button', { name: 'Save changes' }).click();
    await section.getByText('Saved.').waitFor();
    const saved = (await h.api(admin.token, 'GET', '/settings/', undefined, 200)).settings;
    expect(saved).toMatchObject({ close_inactive_tickets: true, inactive_ticket_statuses: ['open', 'pending', 'resolved'] });
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('explains the section in Spanish', async () => {
    const { page, problems, context } = await h.openPage();
    await page.goto(`${h.base}/tickets/admin/settings/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await h.signIn(page, 'sofia@example.com');
    const statuses = page.getByRole('group', { name: 'Estados que se recuerdan y cierran' });
    await statuses.waitFor();
    await page.getByText('Los recordatorios solo se envían si el cierre está activado.', { exact: false }).waitFor();
    await h.shot(page, 'admin-settings-inactivity-es');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
