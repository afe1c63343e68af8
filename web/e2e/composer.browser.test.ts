/**
 * The thread's composer in a real Chromium under the CSP (issue 10): bold text arrives as
 * HTML; `/` inserts a canned reply with its variables filled; `@` in a note mentions an
 * agent, who gets the notification; a draft survives a reload; Undo within 5 s sends
 * nothing and, left alone, the message goes after 5 s; a reply arriving while the agent
 * writes stops the send with a warning; `r` and `n` jump to the editors. The admin screen
 * of shared canned replies creates one. Checked through the API, found by role and name.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { webHarness } from './harness.ts';

const h = webHarness();
let admin: { id: string; token: string };
let carla: { id: string; token: string };
let maria: { id: string; token: string };
let ticket: { id: string; number: string };

beforeAll(async () => {
  admin = await h.user('admin@example.com', 'Ada Admin', 'admin');
  await h.user('agent@example.com', 'Alex Agent', 'agent', { departmentIds: [1] });
  maria = await h.user('maria.lopez@example.com', 'Maria Lopez', 'agent', { departmentIds: [1] });
  carla = await h.user('carla@acme.example', 'Carla Customer', 'customer');
  ticket = await h.api(admin.token, 'POST', '/tickets/', { subject: 'Printer on fire', requester: 'carla@acme.example', messages: [{ body: 'Smoke everywhere.' }] }, 201);
  await h.api(admin.token, 'POST', '/canned-replies/', {
    name: 'Greeting', shortcut: 'hello', shared: true, body: 'Hello {{requester.first_name}}, this is {{agent.name}} about {{ticket.number}}.',
  }, 201);
}, 180_000);

const messages = async () => (await h.api(admin.token, 'GET', `/tickets/${ticket.id}/messages/`, undefined, 200)).results as Array<{ body: string; body_html: string | null; message_type: string }>;
const editor = (page: Page, name: 'Your reply' | 'Internal note') => page.getByRole('textbox', { name });
const text = async (page: Page, name: 'Your reply' | 'Internal note') => (await editor(page, name).textContent()) ?? '';
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

async function drainJobs() {
  for (let i = 0; i < 20 && (await h.t.rt.worker.runOnce()) > 0; i++) { /* drain */ }
}

describe('the composer', () => {
  it('sends formatting, canned replies and mentions; holds a send for Undo; keeps drafts; warns of a new reply', async () => {
    const { page, problems } = await h.openPage();
    // Straight to the thread: the sign-in page leads back to it.
    await page.goto(`${h.base}/tickets/${ticket.id}/`);
    await page.waitForURL(/sign-in/);
    await h.signIn(page, 'agent@example.com');
    const reply = editor(page, 'Your reply');
    await reply.waitFor();

    // Bold, from the labelled toolbar; the reply goes out as HTML (after "Send now").
    await reply.click();
    const bold = page.getByRole('toolbar', { name: 'Formatting' }).first().getByRole('button', { name: 'Bold' });
    await bold.click();
    expect(await bold.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('Important');
    await bold.click();
    await page.keyboard.type(' fire drill.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('article', { name: 'Reply from Alex Agent' }).waitFor();
    await expect.poll(async () => (await messages()).find((m) => m.body.includes('fire drill'))?.body_html ?? '').toContain('<strong>Important</strong>');
    expect((await messages()).find((m) => m.body.includes('fire drill'))?.body).toBe('Important fire drill.');

    // A canned reply by `/`, its variables filled from the ticket and the agent.
    await reply.click();
    await page.keyboard.type('/hel');
    const list = page.getByRole('listbox', { name: 'Canned replies' });
    await list.getByRole('option', { name: /Greeting/ }).waitFor();
    expect(await list.getByRole('option', { name: /Greeting/ }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'Your reply')).toBe(`Hello Carla, this is Alex Agent about ${ticket.number}.`);

    // Undo within the 5 s: focus is on Undo, the text comes back, nothing reaches the server.
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('status').filter({ hasText: 'Your reply will be sent in a moment.' }).waitFor();
    expect(await focusedName(page)).toBe('Undo');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'Your reply')).toContain('Hello Carla');
    await page.waitForTimeout(5500);
    expect((await messages()).some((m) => m.body.startsWith('Hello Carla'))).toBe(false);

    // Left alone, it goes after 5 s (Ctrl+Enter sends from the editor).
    await reply.click();
    await page.keyboard.press('Control+Enter');
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    await page.waitForTimeout(4000);
    expect((await messages()).some((m) => m.body.startsWith('Hello Carla'))).toBe(false);
    await expect.poll(async () => (await messages()).some((m) => m.body.startsWith('Hello Carla')), { timeout: 5000 }).toBe(true);

    // A draft is kept as you type and comes back after a reload.
    await reply.click();
    await page.keyboard.type('Draft in progress');
    await page.getByText('Draft saved').waitFor();
    await page.reload();
    await expect.poll(() => text(page, 'Your reply')).toBe('Draft in progress');

    // The customer answers meanwhile (live): Send stops with the warning, showing the new reply.
    await h.api(carla.token, 'POST', `/tickets/${ticket.id}/reply/`, { body: 'Never mind, it stopped.' }, 201);
    await page.getByRole('article', { name: 'Reply from Carla Customer' }).filter({ hasText: 'it stopped' }).waitFor();
    await page.getByRole('button', { name: 'Send reply' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'A new reply arrived while you were writing' });
    await warning.getByText('Never mind, it stopped.').waitFor();
    await h.shot(page, 'thread-composer-collision');
    await warning.getByRole('button', { name: 'Review first' }).click();
    expect(await warning.count()).toBe(0);
    expect((await messages()).some((m) => m.body === 'Draft in progress')).toBe(false);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(async () => (await messages()).some((m) => m.body === 'Draft in progress')).toBe(true);
    // Once the browser has the server's answer (Send is enabled again) the draft is gone; until then a
    // reload keeps it, to be safe.
    await expect.poll(() => page.getByRole('button', { name: 'Send reply' }).isEnabled()).toBe(true);
    await page.reload();
    await reply.waitFor();
    expect(await text(page, 'Your reply')).toBe('');

    // `n` jumps to the note; `@` offers the agents and inserts what the server resolves.
    await page.getByRole('heading', { name: 'Printer on fire' }).click();
    await page.keyboard.press('n');
    const note = editor(page, 'Internal note');
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Asking @mar');
    await page.getByRole('listbox', { name: 'Mention someone' }).getByRole('option', { name: /Maria Lopez/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('to check the toner.');
    await expect.poll(() => text(page, 'Internal note')).toBe('Asking @maria.lopez to check the toner.');
    await h.shot(page, 'thread-composer-note');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('article', { name: 'Internal note from Alex Agent' }).waitFor();
    await expect.poll(async () => (await messages()).some((m) => m.message_type === 'note' && m.body.includes('@maria.lopez'))).toBe(true);
    await drainJobs();
    const bell = await h.api(maria.token, 'GET', '/notifications/', undefined, 200);
    expect(bell.results.map((n: { kind: string; ticket_id: string | null }) => [n.kind, n.ticket_id])).toContainEqual(['mentioned', ticket.id]);

    // `r` goes back to the reply.
    await page.getByRole('heading', { name: 'Printer on fire' }).click();
    await page.keyboard.press('r');
    await expect.poll(() => reply.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(problems).toEqual([]);
  }, 90_000);

  it('gives customers the editor with the shorter toolbar, and nothing of staff', async () => {
    const { page, problems } = await h.openPage();
    await page.goto(`${h.base}/tickets/${ticket.id}/`);
    await page.waitForURL(/sign-in/);
    await h.signIn(page, 'carla@acme.example');
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    await toolbar.getByRole('button', { name: 'Italic' }).waitFor();
    expect(await toolbar.getByRole('button', { name: 'Quote' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Internal note' }).count()).toBe(0);
    await editor(page, 'Your reply').click();
    await page.keyboard.type('Thanks /hel and @mar');
    expect(await page.getByRole('listbox').count()).toBe(0);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('article', { name: 'Reply from Carla Customer' }).filter({ hasText: 'Thanks /hel and @mar' }).waitFor();
    expect(problems).toEqual([]);
  }, 60_000);

  it('lets an admin manage the shared canned replies', async () => {
    const { page, problems } = await h.openPage();
    await page.goto(`${h.base}/tickets/admin/canned-replies/`);
    await page.waitForURL(/sign-in/);
    await h.signIn(page, 'admin@example.com');
    await page.getByRole('link', { name: 'Greeting' }).waitFor();
    await h.shot(page, 'admin-canned-replies');
    await page.getByRole('link', { name: 'New canned reply' }).click();
    await page.getByLabel('Name').fill('Refund done');
    await page.getByLabel('Department').selectOption({ label: 'Every department' });
    await page.getByRole('textbox', { name: 'Text' }).fill('We refunded {{ticket.number}}.');
    await page.getByRole('button', { name: 'Create canned reply' }).click();
    await page.getByRole('heading', { name: 'Refund done' }).waitFor();
    const shared = await h.api(admin.token, 'GET', '/canned-replies/?mine=false', undefined, 200);
    expect(shared.results.find((r: { name: string }) => r.name === 'Refund done')).toMatchObject({ body: 'We refunded {{ticket.number}}.', shared: true, department: null });
    expect(problems).toEqual([]);
  }, 60_000);
});
