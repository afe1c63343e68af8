/**
 * Automatic assignment in Chromium (issue 11, docs/assignment.md): an admin turns on
 * round-robin for a department, marks themself away on the profile page, and the tickets
 * then created through the API all go to the one agent who is not away, as the ticket
 * list shows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { webHarness } from './harness.ts';

const h = webHarness();
let admin: { id: string; token: string };
let agent: { id: string; token: string };
let customer: { id: string; token: string };

beforeAll(async () => {
  admin = await h.user('admin@example.com', 'Ada Admin', 'admin', { departmentIds: [1] });
  agent = await h.user('agent@example.com', 'Alex Agent', 'agent', { departmentIds: [1] });
  customer = await h.user('carla@acme.example', 'Carla Customer', 'customer');
});

describe('automatic assignment', () => {
  it('round-robin skips the admin who is away: every new ticket goes to the agent', async () => {
    const { page, problems } = await h.openPage();
    await h.signIn(page, 'admin@example.com');
    await page.goto(`${h.base}/tickets/admin/departments/1`);
    const mode = page.getByLabel('Automatic assignment');
    await expect.poll(() => mode.inputValue()).toBe('manual');
    await mode.selectOption({ label: 'Round robin: in turn among the department’s agents' });
    await page.getByRole('button', { name: 'Save department' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await h.shot(page, 'assignment-department');
    expect((await h.api(admin.token, 'GET', '/departments/1/', undefined, 200)).assignment_mode).toBe('round_robin');

    await page.goto(`${h.base}/tickets/profile/`);
    const away = page.getByRole('switch', { name: 'I’m away' });
    await expect.poll(() => away.getAttribute('aria-checked')).toBe('false');
    await away.click();
    await expect.poll(() => away.getAttribute('aria-checked')).toBe('true');
    await expect.poll(async () => (await h.api(admin.token, 'GET', '/me/', undefined, 200)).away).toBe(true);
    await page.getByText('On: new tickets are not assigned to you automatically.').waitFor();
    await h.shot(page, 'assignment-profile');

    for (const subject of ['Round one', 'Round two', 'Round three']) {
      const ticket = await h.api(customer.token, 'POST', '/tickets/', { subject, department: 1, messages: [{ body: 'Hello' }] }, 201);
      expect(ticket.assignee?.id).toBe(agent.id);
    }
    await page.goto(`${h.base}/tickets/`);
    for (const subject of ['Round one', 'Round two', 'Round three']) {
      await expect.poll(() => page.getByRole('row', { name: new RegExp(subject) }).textContent()).toContain('Alex Agent');
    }
    expect(problems).toEqual([]);
  });
});
