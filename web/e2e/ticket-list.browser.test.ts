/**
 * The agent's ticket list (issue 10, "Agent workspace") in a real Chromium under the CSP:
 * the views and their counts, a count that follows a ticket created through the API live,
 * filters and sort in the address, a view saved, found again after a reload, renamed and
 * deleted; search words marked; j/k/x/Enter; three tickets selected and their priority
 * set in bulk. A customer whose tenant lets them see their organisation's tickets switches
 * between "My tickets" and "My organisation's tickets".
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { webHarness } from './harness.ts';

const h = webHarness();
let admin: { id: string; token: string };
let agent: { id: string; token: string };
const ids: Record<string, string> = {};

beforeAll(async () => {
  admin = await h.user('admin@example.com', 'Ada Admin', 'admin');
  agent = await h.user('agent@example.com', 'Alex Agent', 'agent', { departmentIds: [1] });
  const org = await h.api(admin.token, 'POST', '/organisations/', { name: 'Acme Corp', domains: ['acme.example'] }, 201);
  await h.user('carla@acme.example', 'Carla Customer', 'customer', { organisationId: org.id });
  await h.user('colin@acme.example', 'Colin Colleague', 'customer', { organisationId: org.id });
  for (const [key, subject, requester, priority] of [
    ['printer', 'The printer is on fire', 'carla@acme.example', 'high'], ['invoice', 'Invoice missing', 'carla@acme.example', 'low'],
    ['password', 'Password reset fails', 'colin@acme.example', 'medium'], ['alarm', 'Fire alarm beeping', 'colin@acme.example', 'high'],
  ]) {
    ids[key] = (await h.api(admin.token, 'POST', '/tickets/', { subject, requester, priority, messages: [{ body: `${subject}.` }] }, 201)).id;
  }
  await h.api(admin.token, 'PATCH', `/tickets/${ids.invoice}/`, { assignee: agent.id }, 200);
}, 180_000);

/** The count shown beside a view in the views menu. */
const countOf = (page: Page, view: RegExp) => page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).locator('.view-count').textContent();

describe('the agent ticket list', () => {
  it('switches views with live counts, saves a view, marks search words, moves by keyboard and changes tickets in bulk', async () => {
    const { page, problems, context } = await h.openPage();
    await h.signIn(page, 'agent@example.com');
    await page.getByRole('heading', { name: 'Tickets', exact: true }).waitFor();
    const views = page.getByRole('navigation', { name: 'Views' });
    await expect.poll(() => countOf(page, /^Assigned to me/)).toBe('1');
    expect(await countOf(page, /^Unassigned/)).toBe('3');
    expect(await countOf(page, /^My departments/)).toBe('4');
    expect(await countOf(page, /^All tickets/)).toBe('4');

    // A view is its filters in the address.
    await views.getByRole('link', { name: /^Assigned to me/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('assignee')).toBe('me');
    await page.getByRole('link', { name: 'Invoice missing' }).waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    expect(await views.getByRole('link', { name: /^Assigned to me/ }).getAttribute('aria-current')).toBe('page');
    await h.shot(page, 'ticket-list-agent');

    // Live: a ticket assigned to the agent through the API raises the count without a reload.
    ids.live = (await h.api(admin.token, 'POST', '/tickets/', { subject: 'Live one', requester: 'carla@acme.example', assignee: agent.id, messages: [{ body: 'x' }] }, 201)).id;
    await expect.poll(() => countOf(page, /^Assigned to me/), { timeout: 10_000 }).toBe('2');
    await page.getByRole('link', { name: 'Live one' }).waitFor();

    // Filters and sort in the address; saved as a view, still there after a reload.
    await views.getByRole('link', { name: /^All tickets/ }).click();
    await page.getByLabel('Priority').selectOption({ label: 'High' });
    await page.getByLabel('Sort by').selectOption({ label: 'Oldest first' });
    await expect.poll(() => new URL(page.url()).search).toBe('?priority=high&sort=created_at');
    await expect.poll(() => page.getByRole('row').count()).toBe(3);
    // The list follows the address: once re-read with the new sort, the oldest comes first.
    await expect.poll(() => page.getByRole('row').nth(1).textContent()).toContain('The printer is on fire');
    await page.getByRole('button', { name: 'Save this view' }).click();
    const save = page.getByRole('dialog', { name: 'Save this view' });
    await save.getByLabel('Name of the view').fill('Hot ones');
    await h.shot(page, 'ticket-list-save-view');
    await save.getByRole('button', { name: 'Save view' }).click();
    await views.getByRole('link', { name: /^Hot ones/ }).waitFor();
    await page.reload();
    await expect.poll(() => countOf(page, /^Hot ones/)).toBe('2');
    expect(await views.getByRole('link', { name: /^Hot ones/ }).getAttribute('aria-current')).toBe('page');
    await views.getByRole('button', { name: 'Actions for the view Hot ones' }).click();
    await page.getByRole('menuitem', { name: 'Rename…' }).click();
    await page.getByRole('dialog', { name: 'Rename the view' }).getByLabel('Name of the view').fill('Burning');
    await page.getByRole('dialog', { name: 'Rename the view' }).getByRole('button', { name: 'Rename' }).click();
    await views.getByRole('link', { name: /^Burning/ }).waitFor();
    expect((await h.api(agent.token, 'GET', '/views/', undefined, 200)).results).toMatchObject([{ name: 'Burning', filters: { priority: 'high', sort: 'created_at' } }]);

    // Search: the words are marked in the subjects.
    await views.getByRole('link', { name: /^All tickets/ }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('fire');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await expect.poll(() => page.locator('table.tickets mark').allTextContents()).toEqual(expect.arrayContaining(['fire', 'Fire']));
    expect(await page.getByRole('link', { name: 'The printer is on fire' }).count()).toBe(1);
    await h.shot(page, 'ticket-list-search');

    // Keyboard: / goes to the search, j/k move, x selects, Enter opens.
    await page.getByRole('heading', { name: 'Tickets', exact: true }).click();
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await expect.poll(() => page.getByRole('row').count()).toBe(6);
    await page.getByRole('heading', { name: 'Tickets', exact: true }).click();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const first = await page.getByRole('row').nth(1).getByRole('link').textContent();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(first);
    await page.keyboard.press('x');
    expect(await page.getByRole('row').nth(1).getByRole('checkbox').isChecked()).toBe(true);
    await page.keyboard.press('x');
    expect(await page.getByRole('row').nth(1).getByRole('checkbox').isChecked()).toBe(false);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: first! }).waitFor();
    await page.goBack();

    // Three selected, their priority set in one go.
    await page.getByRole('checkbox', { name: /^Select TK-\d+ The printer is on fire$/ }).check();
    await page.getByRole('checkbox', { name: /^Select TK-\d+ Invoice missing$/ }).check();
    await page.getByRole('checkbox', { name: /^Select TK-\d+ Password reset fails$/ }).check();
    const bar = page.getByRole('region', { name: 'Change the selected tickets' });
    await bar.getByText('3 selected').waitFor();
    await bar.getByLabel('Set priority').selectOption({ label: 'Urgent' });
    await h.shot(page, 'ticket-list-bulk');
    await bar.getByRole('button', { name: 'Apply to 3 tickets' }).click();
    await page.getByText('Updated: 3. Already so: 0. Failed: 0.').waitFor();
    for (const key of ['printer', 'invoice', 'password']) expect((await h.api(admin.token, 'GET', `/tickets/${ids[key]}/`, undefined, 200)).priority).toBe('urgent');
    expect((await h.api(admin.token, 'GET', `/tickets/${ids.alarm}/`, undefined, 200)).priority).toBe('high');
    expect(await page.getByRole('checkbox', { name: /^Select TK-\d+ Invoice missing$/ }).isChecked()).toBe(false);

    // The saved view is deleted.
    await views.getByRole('button', { name: 'Actions for the view Burning' }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    await page.getByRole('dialog', { name: 'Delete the view "Burning"?' }).getByRole('button', { name: 'Delete view' }).click();
    await expect.poll(() => views.getByRole('link', { name: /^Burning/ }).count()).toBe(0);

    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  }, 90_000);

  it("lets a customer switch to their organisation's tickets when the tenant allows it", async () => {
    await h.api(admin.token, 'PATCH', '/settings/', { customers_see_organisation_tickets: true }, 200);
    const { page, problems, context } = await h.openPage();
    await h.signIn(page, 'carla@acme.example');
    await page.getByRole('heading', { name: 'My tickets', exact: true }).waitFor();
    const views = page.getByRole('navigation', { name: 'Views' });
    await expect.poll(() => countOf(page, /^My tickets/)).toBe('3');
    await expect.poll(() => countOf(page, /^My organisation's tickets/)).toBe('5');
    await views.getByRole('link', { name: /^My organisation's tickets/ }).click();
    await page.getByRole('link', { name: 'Fire alarm beeping' }).waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await h.shot(page, 'ticket-list-customer-organisation');
    await views.getByRole('link', { name: /^My tickets/ }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Fire alarm beeping' }).count()).toBe(0);
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  }, 60_000);
});
