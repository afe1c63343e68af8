/**
 * The customer portal of issue 10 in a real Chromium: a customer registers on the page (once
 * the admin allowed it), opens a ticket with a file while a too-large and a forbidden file are
 * refused before upload, an agent in another browser sees the ticket arrive without reload,
 * replies and resolves it, and the customer reads the reply and confirms. The password reset
 * request answers neutrally and queues the mail; registration, once turned off, is refused
 * on the page and no longer offered on the sign-in page.
 */
import { describe, expect, it } from 'vitest';
import { hitRateWindow } from '../../src/domain/auth/rate-limits.repo.ts';
import { PASSWORD, webHarness } from './harness.ts';

const h = webHarness();
const LIMIT = 100 * 1024;

/** Turns registration on or off (and sets a small file limit) as the admin would, through the API. */
async function setRegistration(adminToken: string, allowed: boolean) {
  await h.api(adminToken, 'PATCH', '/settings/', { allow_customer_registration: allowed, max_file_size: LIMIT }, 200);
}

describe('the customer portal', () => {
  it('a customer registers, opens a ticket with a file, the agent sees it live and resolves it, the customer confirms', async () => {
    const admin = await h.user('admin@example.com', 'Ada Admin', 'admin');
    const agentUser = await h.user('agent@example.com', 'Alex Agent', 'agent', { departmentIds: [1] });
    await setRegistration(admin.token, true);

    const agent = await h.openPage();
    await h.signIn(agent.page, 'agent@example.com');
    await agent.page.getByRole('heading', { name: 'Tickets', exact: true }).waitFor();
    await agent.page.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true; });

    // Registration, on a phone first; a taken address is said next to the field and nothing typed is lost.
    const customer = await h.openPage({ viewport: { width: 360, height: 740 }, allowConsole: /\b(401|409)\b/ });
    const { page } = customer;
    await page.goto(`${h.base}/tickets/sign-in/`);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await page.getByText('At least 10 characters.').waitFor();
    await h.shot(page, 'register-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Name').fill('Rosa Registered');
    await page.getByLabel('Email').fill('agent@example.com');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('The password is too short.').waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('An account with this address exists already.').waitFor();
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Name').inputValue()).toBe('Rosa Registered');
    expect(await page.getByLabel('Password').inputValue()).toBe(PASSWORD);
    await h.shot(page, 'register');
    await page.getByLabel('Email').fill('rosa@example.com');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'My tickets' }).waitFor(); // registered and signed in

    // A new ticket with a category; the files over the limit or of a refused type never leave the browser.
    await page.getByRole('link', { name: 'New ticket', exact: true }).click();
    await page.getByRole('heading', { name: 'New ticket' }).waitFor();
    await page.getByRole('textbox', { name: 'Subject' }).fill('The invoice PDF does not open');
    await page.getByLabel('Category').selectOption('billing');
    await page.getByRole('textbox', { name: 'Message' }).fill('The download stops half way.');
    await page.getByLabel('Attachments').setInputFiles([
      { name: 'browser.log', mimeType: 'text/plain', buffer: Buffer.from('download aborted at 51%\n') },
      { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(LIMIT + 20 * 1024, 'x') },
      { name: 'fix.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
    ]);
    const refused = page.getByRole('alert');
    await refused.getByText(/“invoice\.pdf” is 120 KB, larger than the 100 KB this helpdesk accepts per file/).waitFor();
    await refused.getByText('“fix.exe” is a type of file this helpdesk does not accept (application/x-msdownload). It was not attached.').waitFor();
    expect(await page.getByRole('list', { name: 'Files to send' }).getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('browser.log')]);
    await h.shot(page, 'new-ticket-refused-files');
    const sent: number[] = [];
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/tickets/api/tickets/')) sent.push(r.postDataBuffer()?.length ?? 0); });
    await page.getByRole('button', { name: 'Send ticket' }).click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}\/$/);
    await page.getByRole('heading', { name: 'The invoice PDF does not open' }).waitFor();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeLessThan(LIMIT);
    const ticketId = new URL(page.url()).pathname.split('/')[2];
    const stored = await h.api(agentUser.token, 'GET', `/tickets/${ticketId}/`, undefined, 200);
    expect(stored).toMatchObject({ category: 'billing', requester: { email: 'rosa@example.com' } });
    expect(JSON.stringify(stored)).toContain('browser.log');
    expect(JSON.stringify(stored)).not.toContain('invoice.pdf');

    // The agent's list shows it without a reload; the agent answers and resolves.
    await agent.page.getByRole('link', { name: 'The invoice PDF does not open' }).waitFor({ timeout: 15_000 });
    expect(await agent.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await agent.page.getByRole('link', { name: 'The invoice PDF does not open' }).click();
    await agent.page.getByRole('textbox', { name: 'Your reply' }).fill('Fixed: the file was cut short on our side. Try again now.');
    await agent.page.getByRole('button', { name: 'Send reply' }).click();
    await agent.page.getByRole('article', { name: 'Reply from Alex Agent' }).waitFor();
    await agent.page.getByRole('complementary', { name: 'Ticket details' }).getByLabel('Status').selectOption({ label: 'Resolved' });

    // The customer's open thread shows the reply and the question; she confirms.
    await page.getByRole('article', { name: 'Reply from Alex Agent' }).getByText('the file was cut short').waitFor({ timeout: 15_000 });
    const solved = page.getByRole('group', { name: 'Is your problem solved?' });
    await solved.getByRole('button', { name: 'Yes, close the ticket' }).click();
    await expect.poll(() => solved.count()).toBe(0);
    await expect.poll(async () => (await h.api(agentUser.token, 'GET', `/tickets/${ticketId}/`, undefined, 200)).status).toBe('closed');

    expect(customer.problems, customer.problems.join('\n')).toEqual([]);
    expect(agent.problems, agent.problems.join('\n')).toEqual([]);
    await agent.context.close();
    await customer.context.close();
  }, 90_000);

  it('asks for a reset link with a neutral answer, queues the mail, and says plainly when there were too many requests', async () => {
    const rita = await h.user('rita@example.com', 'Rita Reset', 'customer');
    const { context, page, problems } = await h.openPage({ allowConsole: /\b(401|429)\b/ });
    await page.goto(`${h.base}/tickets/sign-in/`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await h.shot(page, 'forgot-password');
    const resetJobs = async () => (await h.t.rt.db.selectFrom('jobs').select('payload').where('name', '=', 'mail.password_reset').execute())
      .filter((j) => String(j.payload).includes(rita.id)).length;
    const ask = async (email: string) => {
      await page.goto(`${h.base}/tickets/forgot-password/`);
      await page.getByLabel('Email').fill(email);
      await page.getByRole('button', { name: 'Send the link' }).click();
    };
    const neutral = (email: string) => `If an account exists for ${email}, a mail with a link to choose a new password is on its way. The link works for one hour.`;

    await ask('rita@example.com');
    await page.getByRole('status').getByText(neutral('rita@example.com')).waitFor();
    expect(await resetJobs()).toBe(1);
    await ask('nobody@example.com');
    await page.getByRole('status').getByText(neutral('nobody@example.com')).waitFor();
    expect(await resetJobs()).toBe(1);

    // This client asked too often (the limit is per client address and minute).
    for (let i = 0; i < h.t.rt.config.loginRateLimit; i++) await hitRateWindow(h.t.rt.db, 'reset:127.0.0.1', 60_000);
    await ask('rita@example.com');
    await page.getByRole('alert').getByText('Too many attempts. Wait a minute and try again.').waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('rita@example.com');
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  }, 60_000);

  it('refuses registration on the page once the admin turned it off, and no longer offers it', async () => {
    const admin = await h.user('admin2@example.com', 'Ada Second', 'admin');
    await setRegistration(admin.token, true);
    const { context, page, problems } = await h.openPage({ allowConsole: /\b(401|403)\b/ });
    await page.goto(`${h.base}/tickets/register/`);
    await page.getByLabel('Name').fill('Late Comer');
    await page.getByLabel('Email').fill('late@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await setRegistration(admin.token, false); // meanwhile
    await page.getByRole('button', { name: 'Create account' }).click();
    const closed = 'This helpdesk does not let customers create their own account. Ask the support team to create one for you.';
    await page.getByText(closed).waitFor();
    expect(await page.getByRole('button', { name: 'Create account' }).count()).toBe(0);

    await page.goto(`${h.base}/tickets/register/`);
    await page.getByText(closed).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Forgot your password?' }).waitFor();
    expect(await page.getByRole('link', { name: 'Create an account' }).count()).toBe(0);
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  }, 30_000);
});
