/**
 * SLA in Chromium (issue 11, docs/sla.md): an admin adds a policy with the per-priority
 * table, then a ticket's due times follow it when its priority changes in the side panel;
 * the ticket list shows the time left and offers "breaching in the next hour".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { webHarness } from './harness.ts';

const h = webHarness();
let admin: { id: string; token: string };

beforeAll(async () => {
  admin = await h.user('admin@example.com', 'Ada Admin', 'admin');
});

describe('SLA policies and due times', () => {
  it('creates a policy, and a ticket changed to critical gets its 30-minute first response', async () => {
    const ticket = await h.api(admin.token, 'POST', '/tickets/', {
      subject: 'Server room is warm', priority: 'high', requester: 'carla@example.org', messages: [{ body: 'Help', message_type: 'note' }],
    }, 201);
    const created = Date.parse(ticket.created_at);
    expect(Date.parse(ticket.first_response_due_at)).toBe(created + 4 * 3_600_000);

    const { page, problems } = await h.openPage({ allowConsole: /\b(401|422)\b/ });
    await h.signIn(page, 'admin@example.com');
    await page.goto(`${h.base}/tickets/admin/sla/`);
    await page.getByRole('heading', { name: 'New SLA policy' }).waitFor();
    await page.getByLabel('Name').fill('Gold');
    await page.getByLabel('First response for Critical (minutes)').fill('30');
    await page.getByLabel('Around the clock (no business hours)').uncheck();
    await page.getByLabel('Saturday', { exact: true }).check();
    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Add SLA policy' }).click();
    await expect.poll(() => page.locator('#new-sla-zone-error').textContent()).toMatch(/IANA/);
    await page.getByLabel('Time zone').fill('UTC');
    await page.getByLabel('Around the clock (no business hours)').check();
    await page.getByRole('button', { name: 'Add SLA policy' }).click();
    await page.getByRole('link', { name: 'Gold' }).waitFor();
    await h.shot(page, 'admin-sla');

    await page.goto(`${h.base}/tickets/${ticket.id}/`);
    const firstDue = page.getByRole('region', { name: 'SLA' }).locator('time').first();
    await expect.poll(() => firstDue.getAttribute('datetime')).toBe(ticket.first_response_due_at);
    await page.getByLabel('Priority').selectOption('critical');
    await expect.poll(() => firstDue.getAttribute('datetime')).toBe(new Date(created + 30 * 60_000).toISOString());
    await page.getByRole('region', { name: 'SLA' }).getByText(/left$/).first().waitFor();

    await page.goto(`${h.base}/tickets/?sla_due_within=60`);
    const row = page.getByRole('row', { name: /Server room is warm/ });
    await row.getByText(/^Due in/).waitFor();
    await page.getByRole('option', { name: 'Breaching in the next hour', selected: true }).waitFor({ state: 'attached' });
    expect(problems).toEqual([]);
  }, 60_000);
});
