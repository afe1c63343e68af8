/**
 * The web app in a real Chromium, served by the real server under its CSP, found by role
 * and accessible name as a person (or a screen reader) finds things: an agent signs in,
 * filters the list, works a ticket (reply, note, a reply arriving live, assign, resolve);
 * a customer opens a ticket with a file, finds it in "My tickets" and confirms the other
 * one solved. Any page error or console error (a CSP refusal is one) fails; each main page
 * is kept as a screenshot in .test-results/screenshots/ and checked with axe-core.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { createUser } from '../../src/domain/users/create-user.ts';
import { launchChromium } from '../../test/helpers/browser.ts';
import { createTestRuntime, testDialect, type TestRuntime } from '../../test/helpers/test-runtime.ts';
import { accessTokenFor } from '../../test/helpers/world.ts';
import { seriousAxeViolations } from './axe.ts';
import { builtWebApp } from './built-web-app.ts';

const PASSWORD = 'a good long password';
/** Screenshots of the main pages, kept as artefacts of the run (.test-results/ is not committed). */
const SHOTS = fileURLToPath(new URL(`../../.test-results/screenshots/${testDialect}/`, import.meta.url));
/** Keeps a screenshot of the page and checks it with axe-core: no serious or critical violation. */
async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  expect(await seriousAxeViolations(page), name).toEqual([]);
}

let t: TestRuntime;
let app: FastifyInstance;
let browser: Browser | undefined;
let base: string;
let seededTicketId: string;
/** Why Chromium did not start: every test then fails with it (a failed beforeAll would only mark them skipped). */
let launchError: unknown;

beforeAll(async () => {
  const web = await builtWebApp();
  if (web.built) console.log(`web app built in ${web.ms} ms`);
  t = await createTestRuntime({ PARLEY_WEB_DIR: web.dir });
  app = await buildApp(t.rt);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium().catch((e: unknown) => { launchError = e; return undefined; });
  const ctx = t.rt.systemCtx(t.rt.defaultTenantId);
  await createUser(ctx, { email: 'agent@example.com', name: 'Alex Agent', role: 'agent', departmentIds: [1], password: PASSWORD });
  const carla = await createUser(ctx, { email: 'carla@example.com', name: 'Carla Customer', role: 'customer', password: PASSWORD });
  const created = await app.inject({
    method: 'POST', url: '/tickets/api/tickets/', headers: { authorization: `Bearer ${await accessTokenFor(t.rt, carla)}` },
    payload: { subject: 'The printer is on fire', priority: 'high', messages: [{ body: 'Smoke everywhere.\nSend help.' }] },
  });
  expect(created.statusCode).toBe(201);
  seededTicketId = created.json().id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.cleanup();
});

/** A fresh browser profile (its own cookies) whose page errors and console errors are collected. */
async function openPage(locale = 'en-US'): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  if (!browser) throw new Error(`Chromium did not start (set PARLEY_CHROMIUM, default /usr/bin/chromium): ${String(launchError)}`);
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // The session probe answers 401 before sign-in; Chromium logs that as a failed resource. Anything else counts.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('401')) problems.push(m.text()); });
  return { context, page, problems };
}

async function signIn(page: Page, email: string) {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the web app in Chromium', () => {
  it('an agent signs in, filters the list, opens a ticket, replies, adds a note, sees a reply arrive live, takes and resolves it', async () => {
    const { context, page, problems } = await openPage();
    await page.goto(`${base}/tickets/`);
    await page.waitForURL(/\/tickets\/sign-in\/?$/);
    await page.getByLabel('Email').fill('agent@example.com');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/email or the password is wrong/);
    await signIn(page, 'agent@example.com');

    await page.getByRole('heading', { name: 'Tickets', exact: true }).waitFor();
    await page.getByRole('link', { name: 'The printer is on fire' }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Requester' }).count()).toBe(1);
    await shot(page, 'agent-tickets');
    await page.getByLabel('Status').selectOption({ label: 'Closed' });
    await page.getByText('No tickets match.').waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('closed');
    await page.getByLabel('Status').selectOption({ label: 'Any status' });
    await page.getByLabel('Priority').selectOption({ label: 'High' });
    await page.getByRole('link', { name: 'The printer is on fire' }).click();

    await page.waitForURL(`${base}/tickets/${seededTicketId}/`);
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
    const answer = await app.inject({
      method: 'POST', url: `/tickets/api/tickets/${seededTicketId}/reply/`, headers: { authorization: `Bearer ${await tokenOf('carla@example.com')}` },
      payload: { body: 'Thank you, the fire is out.' },
    });
    expect(answer.statusCode).toBe(201);
    await page.getByText('Thank you, the fire is out.').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('article', { name: 'Reply from Carla Customer' }).count()).toBe(2);
    expect(await page.title()).toBe('TK-000001 The printer is on fire · Parley');
    await page.getByRole('tab', { name: 'Reply' }).click();
    await shot(page, 'agent-thread');

    // The agent takes the ticket and marks it resolved.
    const details = page.getByRole('complementary', { name: 'Ticket details' });
    await details.getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(() => details.getByRole('button', { name: 'Assign to me' }).count()).toBe(0);
    await details.getByLabel('Status').selectOption({ label: 'Resolved' });
    await expect.poll(async () => (await app.inject({ method: 'GET', url: `/tickets/api/tickets/${seededTicketId}/`, headers: { authorization: `Bearer ${await tokenOf('agent@example.com')}` } })).json())
      .toMatchObject({ status: 'resolved', assignee: { name: 'Alex Agent' } });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  }, 60_000);

  it('a customer opens a ticket with a file (errors shown as she types), finds it in My tickets, and confirms a resolution', async () => {
    const { context, page, problems } = await openPage();
    await page.goto(`${base}/tickets/new/`);
    await signIn(page, 'carla@example.com');
    await page.getByRole('heading', { name: 'New ticket' }).waitFor(); // back where she was headed
    expect(new URL(page.url()).pathname).toBe('/tickets/new/');

    await page.getByRole('button', { name: 'Send ticket' }).click();
    await page.getByText('Enter a subject.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Subject' }).getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'customer-new-ticket-errors');
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
    const download = await (await context.request.get(new URL(await attachment.getAttribute('href') ?? '', base).toString())).text();
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
    await shot(page, 'customer-my-tickets-phone');
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();

    const stored = await app.inject({ method: 'GET', url: '/tickets/api/tickets/?search=Cannot', headers: { authorization: `Bearer ${await tokenOf('agent@example.com')}` } });
    expect(stored.json().results.map((r: { priority: string }) => r.priority)).toEqual(['urgent']);
  }, 60_000);

  it("speaks the browser's language before sign-in", async () => {
    const { context, page, problems } = await openPage('es-ES');
    await page.goto(`${base}/tickets/sign-in/`);
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await shot(page, 'sign-in-es');
    expect(problems).toEqual([]);
    await context.close();
  }, 30_000);
});

async function tokenOf(email: string) {
  const signIn = await app.inject({ method: 'POST', url: '/tickets/api/auth/token/', payload: { email, password: PASSWORD } });
  return signIn.json().access as string;
}
