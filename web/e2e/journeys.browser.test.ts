/**
 * The web app in a real Chromium, served by the real server under its CSP, found by role
 * and accessible name as a person (or a screen reader) finds things: an agent signs in,
 * filters the list, works a ticket (reply, note, a reply arriving live, assign, resolve);
 * a customer opens a ticket with a file, finds it in "My tickets" and confirms the other
 * one solved. Any page error or console error (a CSP refusal is one) fails; each main page
 * is kept as a screenshot in .test-results/screenshots/ and checked with axe-core.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { webHarness } from './harness.ts';

const h = webHarness();
let seededTicketId: string;
let agentToken: string;
let carlaToken: string;

beforeAll(async () => {
  agentToken = (await h.user('agent@example.com', 'Alex Agent', 'agent', { departmentIds: [1] })).token;
  carlaToken = (await h.user('carla@example.com', 'Carla Customer', 'customer')).token;
  seededTicketId = (await h.api(carlaToken, 'POST', '/tickets/', {
    subject: 'The printer is on fire', priority: 'high', messages: [{ body: 'Smoke everywhere.\nSend help.' }],
  }, 201)).id;
});

describe('the web app in Chromium', () => {
  it('an agent signs in, filters the list, opens a ticket, replies, adds a note, sees a reply arrive live, takes and resolves it', async () => {
    const { context, page, problems } = await h.openPage();
    await page.goto(`${h.base}/tickets/`);
    await page.waitForURL(/\/tickets\/sign-in\/?$/);
    await page.getByLabel('Email').fill('agent@example.com');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/email or the password is wrong/);
    await h.signIn(page, 'agent@example.com');

    await page.getByRole('heading', { name: 'Tickets', exact: true }).waitFor();
    await page.getByRole('link', { name: 'The printer is on fire' }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Requester' }).count()).toBe(1);
    await h.shot(page, 'agent-tickets');
    await page.getByLabel('Status').selectOption({ label: 'Closed' });
    await page.getByText('No tickets match.').waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('closed');
    await page.getByLabel('Status').selectOption({ label: 'Any status' });
    await page.getByLabel('Priority').selectOption({ label: 'High' });
    await page.getByRole('link', { name: 'The printer is on fire' }).click();

    await page.waitForURL(`${h.base}/tickets/${seededTicketId}/`);
    await page.getByRole('heading', { name: 'The printer is on fire' }).waitFor();
    expect(await page.getByRole('article', { name: 'Reply from Carla Customer' }).textContent()).toContain('Smoke everywhere.');
    await page.getByRole('textbox', { name: 'Your reply' }).fill('We are on our way with a fire extinguisher.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('article', { name: 'Reply from Alex Agent' }).getByText('fire extinguisher').waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Your reply' }).textContent()).toBe('');

    await page.getByRole('tab', { name: 'Internal note' }).click();
    await page.getByRole('textbox', { name: 'Internal note' }).fill('Check the toner supplier.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('article', { name: 'Internal note from Alex Agent' }).waitFor();

    // What the server kept, read again from it.
    await page.reload();
    await page.getByRole('article', { name: 'Internal note from Alex Agent' }).getByText('Check the toner supplier.').waitFor();
    await page.getByRole('article', { name: 'Reply from Alex Agent' }).waitFor();

    // Live: the customer answers by the API; the open thread shows it without a reload.
    await h.api(carlaToken, 'POST', `/tickets/${seededTicketId}/reply/`, { body: 'Thank you, the fire is out.' }, 201);
    await page.getByText('Thank you, the fire is out.').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('article', { name: 'Reply from Carla Customer' }).count()).toBe(2);
    expect(await page.title()).toBe('TK-000001 The printer is on fire · Parley');
    await page.getByRole('tab', { name: 'Reply' }).click();
    await h.shot(page, 'agent-thread');

    // The agent takes the ticket and marks it resolved.
    const details = page.getByRole('complementary', { name: 'Ticket details' });
    await details.getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(() => details.getByRole('button', { name: 'Assign to me' }).count()).toBe(0);
    await details.getByLabel('Status').selectOption({ label: 'Resolved' });
    await expect.poll(() => h.api(agentToken, 'GET', `/tickets/${seededTicketId}/`, undefined, 200))
      .toMatchObject({ status: 'resolved', assignee: { name: 'Alex Agent' } });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  }, 60_000);

  it('a customer opens a ticket with a file (errors shown as she types), finds it in My tickets, and confirms a resolution', async () => {
    const { context, page, problems } = await h.openPage();
    await page.goto(`${h.base}/tickets/new/`);
    await page.waitForURL((url) => url.pathname.startsWith('/tickets/sign-in')); // sent to sign in, to come back here after
    await h.signIn(page, 'carla@example.com');
    await page.getByRole('heading', { name: 'New ticket' }).waitFor(); // back where she was headed
    expect(new URL(page.url()).pathname).toBe('/tickets/new/');

    await page.getByRole('button', { name: 'Send ticket' }).click();
    await page.getByText('Enter a subject.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Subject' }).getAttribute('aria-invalid')).toBe('true');
    await h.shot(page, 'customer-new-ticket-errors');
    await page.getByRole('textbox', { name: 'Subject' }).fill('Cannot log in to the portal');
    await expect.poll(() => page.getByText('Enter a subject.').count()).toBe(0);
    await page.getByLabel('Priority').selectOption({ label: 'Urgent' });
    await page.getByRole('textbox', { name: 'Message' }).fill('It says my password expired.');
    await page.getByLabel('Attachments').setInputFiles({ name: 'error.txt', mimeType: 'text/plain', buffer: Buffer.from('password expired at 09:14\n') });
    await page.getByRole('button', { name: 'Send ticket' }).click();

    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}\/$/);
    await page.getByRole('heading', { name: 'Cannot log in to the portal' }).waitFor();
    expect(await page.getByRole('tab').count()).toBe(0); // customers only reply: no note tab
    const attachment = page.getByRole('article', { name: 'Reply from Carla Customer' }).getByRole('link', { name: 'error.txt' });
    const download = await (await context.request.get(new URL(await attachment.getAttribute('href') ?? '', h.base).toString())).text();
    expect(download).toBe('password expired at 09:14\n');
    await page.getByRole('link', { name: 'My tickets' }).click();
    await page.getByRole('heading', { name: 'My tickets' }).waitFor();
    await page.getByRole('link', { name: 'Cannot log in to the portal' }).waitFor();
    expect(await page.getByRole('link', { name: 'The printer is on fire' }).count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: 'Requester' }).count()).toBe(0);
    // Seed 003: the agent resolved her other ticket; she confirms the solution.
    await page.getByRole('link', { name: 'The printer is on fire' }).click();
    const solved = page.getByRole('group', { name: 'Is your problem solved?' });
    await solved.getByRole('button', { name: 'Yes, close the ticket' }).click();
    await expect.poll(() => solved.count()).toBe(0);
    await page.getByRole('complementary', { name: 'Ticket details' }).getByText('Closed').waitFor();
    await page.getByRole('link', { name: 'My tickets' }).click();
    await page.setViewportSize({ width: 360, height: 740 });
    await h.shot(page, 'customer-my-tickets-phone');
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();

    const stored = await h.api(agentToken, 'GET', '/tickets/?search=Cannot', undefined, 200);
    expect(stored.results.map((r: { priority: string }) => r.priority)).toEqual(['urgent']);
  }, 60_000);

  it("speaks the browser's language before sign-in", async () => {
    const { context, page, problems } = await h.openPage({ locale: 'es-ES' });
    await page.goto(`${h.base}/tickets/sign-in/`);
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await h.shot(page, 'sign-in-es');
    expect(problems).toEqual([]);
    await context.close();
  }, 30_000);
});

