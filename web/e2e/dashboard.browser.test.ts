/**
 * The dashboards (issue 12, seed 003) in a real Chromium under the CSP: an admin reaches
 * the dashboard from the main navigation, reads the queue's tiles and a chart's table,
 * narrows the period and the department (kept in the address), follows a tile to the
 * ticket list showing those tickets, and downloads a report and the tickets as CSV; a
 * customer sees their own tickets' counts instead. Figures are checked against the
 * tickets seeded here, counted by hand.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { webHarness } from './harness.ts';

const h = webHarness();
let admin: { id: string; token: string };
let agent: { id: string; token: string };
let billing = 0;
let general = '';

beforeAll(async () => {
  admin = await h.user('admin@example.com', 'Ada Admin', 'admin');
  agent = await h.user('agent@example.com', 'Alex Agent', 'agent', { departmentIds: [1] });
  await h.user('carla@example.com', 'Carla Customer', 'customer');
  billing = (await h.api(admin.token, 'POST', '/departments/', { name: 'Billing', slug: 'billing' }, 201)).id;
  general = (await h.api(admin.token, 'GET', '/departments/', undefined, 200) as Array<{ id: number; name: string }>).find((d) => d.id === 1)?.name ?? '';
  const ticket = async (subject: string, extra: Record<string, unknown>) =>
    (await h.api(admin.token, 'POST', '/tickets/', { subject, requester: 'carla@example.com', messages: [{ body: `${subject}.` }], ...extra }, 201)).id as string;
  await ticket('Printer on fire', { status: 'open', priority: 'high', assignee: agent.id, category: 'technical' });
  await ticket('Password reset fails', { priority: 'medium' });
  await ticket('Invoice is wrong', { department: 'billing', status: 'pending', category: 'billing' });
  await ticket('VPN drops', { status: 'resolved', assignee: agent.id });
  const old = await ticket('Refund not received', { department: 'billing', category: 'billing' });
  // Opened 20 days ago: inside the last 30 days, outside the last 7.
  await h.t.rt.db.updateTable('tickets').set({ created_at: new Date(Date.now() - 20 * 86_400_000).toISOString() }).where('id', '=', old).execute();
}, 180_000);

/** How long a figure may take to arrive (the machine may be busy; expect.poll waits 1 s by default). */
const WAIT = { timeout: 15_000 };

/** A tile of "The queue now" by its exact name ("<label> <count>"). */
const tile = (page: Page, name: string) => page.getByRole('region', { name: 'The queue now' }).getByRole('link', { name, exact: true });

/** Opens the table of a chart and answers its rows as text: the header, then the rows in alphabetical order. */
async function tableOf(page: Page, chart: string): Promise<string[]> {
  const figure = page.getByRole('figure', { name: chart, exact: true });
  const table = figure.getByRole('table', { name: chart, exact: true });
  if (!(await table.isVisible())) await figure.getByText('Show as a table').click();
  const [header = '', ...rows] = (await table.getByRole('row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
  return [header, ...rows.sort()];
}

async function downloaded(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8');
}

describe('the dashboard', () => {
  it('shows the queue and the period, filters by period and department, leads to the list and downloads CSV', async () => {
    const { page, problems, context } = await h.openPage();
    await h.signIn(page, 'admin@example.com');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(await page.title()).toBe('Dashboard · Parley');

    // The queue as it stands.
    for (const name of ['New 2', 'Open 1', 'Pending customer 1', 'On hold 0', 'Resolved 1', 'Closed 0', 'Unassigned 3', 'Assigned to me 0']) {
      await tile(page, name).waitFor();
    }
    // The period (30 days by default): the five tickets by department, in a table beside the chart.
    await expect.poll(() => tableOf(page, 'By department'), WAIT).toEqual(['By department Tickets', ...['Billing 2', `${general} 3`].sort()]);
    await page.getByRole('table', { name: 'Agents' }).getByRole('row', { name: /^Alex Agent 2 / }).waitFor();
    await h.shot(page, 'dashboard-admin');
    // On a phone the charts draw at the screen's width: nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), WAIT).toBeLessThanOrEqual(360);
    await h.shot(page, 'dashboard-admin-phone');
    await page.setViewportSize({ width: 1280, height: 720 });

    // Last 7 days: the refund opened 20 days ago is out of it.
    await page.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'Last 7 days' });
    await expect.poll(() => new URL(page.url()).searchParams.get('period'), WAIT).toBe('7');
    await expect.poll(() => tableOf(page, 'By department'), WAIT).toEqual(['By department Tickets', ...['Billing 1', `${general} 3`].sort()]);

    // Billing only: the tiles count its tickets, and a tile shows exactly those in the list.
    await page.getByRole('combobox', { name: 'Department' }).selectOption({ label: 'Billing' });
    await expect.poll(() => new URL(page.url()).searchParams.get('department'), WAIT).toBe(String(billing));
    await tile(page, 'Open 0').waitFor();
    await tile(page, 'New 1').waitFor();
    expect(new URL(page.url()).searchParams.get('period')).toBe('7');

    // CSV: a report, and the tickets of the dashboard's scope.
    const report = page.waitForEvent('download');
    await page.getByRole('link', { name: /^Download CSV\W*By department$/ }).click();
    const reportCsv = await downloaded(await report);
    expect(reportCsv).toContain('Billing');
    expect(reportCsv).not.toContain('General');
    const exported = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export tickets (CSV)' }).click();
    const ticketsCsv = await downloaded(await exported);
    expect(ticketsCsv).toContain('Invoice is wrong');
    expect(ticketsCsv).not.toContain('Printer on fire');
    expect(ticketsCsv).not.toContain('Refund not received');

    await tile(page, 'Pending customer 1').click();
    await page.getByRole('heading', { name: 'Tickets', exact: true }).waitFor();
    const list = new URL(page.url());
    expect([list.pathname.replace(/\/$/, ''), list.searchParams.get('status'), list.searchParams.get('department')]).toEqual(['/tickets', 'pending', String(billing)]);
    await page.getByRole('link', { name: 'Invoice is wrong' }).waitFor();
    await expect.poll(() => page.getByRole('row').count(), WAIT).toBe(2);

    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("gives a customer their own tickets' counts, each leading to them", async () => {
    const { page, problems, context } = await h.openPage();
    await h.signIn(page, 'carla@example.com');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    const mine = page.getByRole('region', { name: 'Your tickets now' });
    for (const name of ['Open 3', 'Waiting for you 1', 'Resolved 1']) await mine.getByRole('link', { name, exact: true }).waitFor();
    await h.shot(page, 'dashboard-customer');
    await mine.getByRole('link', { name: 'Waiting for you 1', exact: true }).click();
    await page.getByRole('link', { name: 'Invoice is wrong' }).waitFor();
    await expect.poll(() => page.getByRole('row').count(), WAIT).toBe(2);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

