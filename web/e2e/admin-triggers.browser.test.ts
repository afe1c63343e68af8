/**
 * The triggers admin screen in Chromium (issue 11): an admin makes a trigger "priority
 * becomes urgent → add a tag and an internal note" with the screen's forms, a ticket's
 * priority is changed through the API, and the run shows in the trigger's log and the note
 * in the ticket's thread. A config the action's schema refuses is named next to its field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { webHarness } from './harness.ts';

const h = webHarness();
let adminToken = '';

beforeAll(async () => {
  adminToken = (await h.user('admin@example.com', 'Ada Admin', 'admin')).token;
});

async function drainJobs() {
  while ((await h.t.rt.worker.runOnce()) > 0) { /* until no job is left */ }
}

describe('the triggers admin screen', () => {
  it('makes a trigger with its actions, and shows its run and what it did', async () => {
    const { page, problems } = await h.openPage({ allowConsole: /\b(401|422)\b/ });
    await h.signIn(page, 'admin@example.com');
    await page.goto(`${h.base}/tickets/admin/triggers/`);
    await page.getByRole('link', { name: 'New trigger' }).click();
    await page.getByRole('heading', { name: 'New trigger' }).waitFor();

    await page.getByLabel('Name').fill('Urgent escalation');
    await page.getByLabel('Field', { exact: true }).selectOption({ label: 'Priority' });
    await page.getByLabel('New value').selectOption({ label: 'Urgent' });
    await page.getByLabel('Action to add').selectOption({ label: 'Add tags' });
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByLabel('Action to add').selectOption({ label: 'Add an internal note' });
    await page.getByRole('button', { name: 'Add action' }).click();
    const note = page.getByRole('listitem', { name: 'Action 2: Add an internal note' });
    await note.getByLabel('Text').fill('Escalated: {{ticket.number}}');

    // The tags are still empty: the server names the field, next to it.
    await page.getByRole('button', { name: 'Add trigger' }).click();
    const tags = page.getByRole('listitem', { name: 'Action 1: Add tags' }).getByLabel('Tags');
    await expect.poll(async () => tags.getAttribute('aria-invalid')).toBe('true');

    await tags.fill('escalated');
    await page.getByRole('button', { name: 'Add trigger' }).click();
    await page.getByRole('heading', { name: 'Urgent escalation' }).waitFor();
    await page.getByText('It has not run yet.').waitFor();
    await h.shot(page, 'admin-trigger');

    const ticket = await h.api(adminToken, 'POST', '/tickets/', { subject: 'Server room is flooding', requester: { email: 'carla@acme.example' }, messages: [{ body: 'Water everywhere' }] }, 201);
    await h.api(adminToken, 'PATCH', `/tickets/${ticket.id}/`, { priority: 'urgent' }, 200);
    await drainJobs();

    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('cell', { name: 'Done', exact: true }).waitFor();
    await page.getByText('Add tags: added escalated').waitFor();
    await page.getByRole('link', { name: 'Open the ticket' }).click();
    await page.getByText(`Escalated: ${ticket.number}`).waitFor();
    expect(problems).toEqual([]);
  });
});
