/**
 * The agent side panel of the thread page in a real Chromium under the CSP (issue 10): an
 * agent transfers a ticket, assigns it to a colleague, adds and removes tags, adds a
 * recipient, sets a category from the tenant's list, sees the requester's organisation and other ticket and opens
 * it; changes the server refuses (assigning an agent deactivated
 * meanwhile) are taken back with their error next to the control. A customer gets no
 * panel. Controls are found by role and name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { webHarness } from './harness.ts';

const h = webHarness();
let adminToken: string;
const ids: Record<string, string> = {};

/** Calls the API as the admin; answers the parsed body after checking the status. */
const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload: object | undefined, status: number) => h.api(adminToken, method, url, payload, status);

beforeAll(async () => {
  adminToken = (await h.user('admin@example.com', 'Ada Admin', 'admin')).token;
  await h.user('agent@example.com', 'Alex Agent', 'agent', { departmentIds: [1] });
  ids.bea = (await h.user('bea@example.com', 'Bea Builder', 'agent', { departmentIds: [1] })).id;
  ids.dana = (await h.user('dana@example.com', 'Dana Departing', 'agent')).id;
  await asAdmin('POST', '/departments/', { name: 'Billing', slug: 'billing' }, 201);
  await asAdmin('POST', '/tags/', { name: 'hardware' }, 201);
  const org = await asAdmin('POST', '/organisations/', { name: 'Acme Corp', domains: ['acme.example'] }, 201);
  await h.user('carla@acme.example', 'Carla Customer', 'customer', { organisationId: org.id });
  for (const [key, subject] of [['invoice', 'Invoice is missing'], ['printer', 'The printer jams']]) {
    ids[key] = (await asAdmin('POST', '/tickets/', { subject, requester: 'carla@acme.example', messages: [{ body: `${subject}.` }] }, 201)).id;
  }
});

/** Opens a ticket's page, signed in as someone (sent through the sign-in page and back). */
async function openTicket(id: string, email: string) {
  // 401 before sign-in and the 422 the test provokes are logged by Chromium as failed resources; anything else counts.
  const opened = await h.openPage({ allowConsole: /\b(401|422)\b/ });
  await opened.page.goto(`${h.base}/tickets/${id}/`);
  await opened.page.waitForURL((url) => url.pathname.startsWith('/tickets/sign-in'));
  await h.signIn(opened.page, email);
  return opened;
}

const stored = async (id: string) => asAdmin('GET', `/tickets/${id}/`, undefined, 200);

describe('the agent side panel in Chromium', () => {
  it('transfers, assigns, tags, adds a recipient, sets a category, shows the requester and opens their other ticket; a refused change is taken back with its error', async () => {
    const { context, page, problems } = await openTicket(ids.printer, 'agent@example.com');
    await page.getByRole('heading', { name: 'The printer jams' }).waitFor();
    const panel = page.getByRole('complementary', { name: 'Ticket details' });

    // Transfer.
    await panel.getByLabel('Department').selectOption({ label: 'Billing' });
    await expect.poll(async () => (await stored(ids.printer)).department.slug).toBe('billing');
    await page.getByText('Transferred from').waitFor();

    // Assign to a colleague, then back to nobody.
    await panel.getByLabel('Assignee').selectOption({ label: 'Bea Builder' });
    await expect.poll(async () => (await stored(ids.printer)).assignee?.id).toBe(ids.bea);
    await panel.getByLabel('Assignee').selectOption({ label: 'Unassigned' });
    await expect.poll(async () => (await stored(ids.printer)).assignee).toBeNull();

    // Tags: an existing one and a new one, then one removed.
    const tags = panel.getByRole('region', { name: 'Tags' });
    await tags.getByText('No tags').waitFor();
    await tags.getByLabel('Add a tag').fill('hardware');
    await tags.getByLabel('Add a tag').press('Enter');
    await tags.getByRole('button', { name: 'Remove tag hardware' }).waitFor();
    // A change waits for the one before (Add is disabled meanwhile): click() waits for Add to be enabled.
    await tags.getByLabel('Add a tag').fill('toner');
    await tags.getByRole('button', { name: 'Add' }).click();
    await expect.poll(async () => (await stored(ids.printer)).tags).toEqual(['hardware', 'toner']);
    await tags.getByRole('button', { name: 'Remove tag hardware' }).click();
    await expect.poll(async () => (await stored(ids.printer)).tags).toEqual(['toner']);
    await expect.poll(() => tags.getByRole('listitem').allTextContents()).toEqual(['toner×']);

    // A recipient in copy.
    const recipients = panel.getByRole('region', { name: 'Recipients' });
    await recipients.getByLabel('Add a recipient (email)').fill('boss@acme.example');
    await recipients.getByRole('button', { name: 'Add' }).click();
    await expect.poll(async () => (await stored(ids.printer)).recipients).toEqual(['boss@acme.example']);
    await recipients.getByRole('button', { name: 'Remove recipient boss@acme.example' }).waitFor();

    // Category: chosen from the tenant's list (nothing else is offered).
    expect(await panel.getByLabel('Category').locator('option').allTextContents()).toEqual(['No category', 'technical', 'question', 'billing']);
    await panel.getByLabel('Category').selectOption('question');
    await panel.getByRole('button', { name: 'Save category' }).click();
    await expect.poll(async () => (await stored(ids.printer)).category).toBe('question');
    expect(await panel.getByRole('alert').count()).toBe(0);

    // Refused: Dana is deactivated after the page listed her; the select goes back and says why, next to it.
    await asAdmin('PATCH', `/users/${ids.dana}/`, { is_active: false }, 200);
    await panel.getByLabel('Assignee').selectOption({ label: 'Dana Departing' });
    await panel.getByRole('alert').getByText('The request was refused. Check what you entered.').waitFor();
    await expect.poll(() => panel.getByLabel('Assignee').inputValue()).toBe('');
    expect((await stored(ids.printer)).assignee).toBeNull();

    // The requester, their organisation and their other ticket.
    const requester = panel.getByRole('region', { name: 'Requester' });
    await requester.getByText('Carla Customer').waitFor();
    await requester.getByRole('link', { name: 'carla@acme.example' }).waitFor();
    await requester.getByText('Acme Corp').waitFor();
    expect(await requester.getByRole('link', { name: 'The printer jams' }).count()).toBe(0);
    await h.shot(page, 'agent-side-panel');
    await requester.getByRole('link', { name: 'Invoice is missing' }).click();
    await page.waitForURL(`${h.base}/tickets/${ids.invoice}/`);
    await page.getByRole('heading', { name: 'Invoice is missing' }).waitFor();
    await panel.getByRole('region', { name: 'Requester' }).getByRole('link', { name: 'The printer jams' }).waitFor();

    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  }, 90_000);

  it('a customer gets no side panel', async () => {
    const { context, page, problems } = await openTicket(ids.printer, 'carla@acme.example');
    await page.getByRole('heading', { name: 'The printer jams' }).waitFor();
    const details = page.getByRole('complementary', { name: 'Ticket details' });
    await details.getByText('Billing').waitFor();
    expect(await details.getByRole('combobox').count()).toBe(0);
    expect(await details.getByRole('region').count()).toBe(0);
    expect(await details.getByText('Carla Customer').count()).toBe(0);
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  }, 60_000);
});
