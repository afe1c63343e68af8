/**
 * The workspace shell in a real Chromium under the CSP (issue 10): two tabs of one browser
 * share one live stream (the server counts one) and both update; closing the leader tab
 * hands the stream to the other, which still updates. The bell shows the notifications an
 * assignment and an @mention made through the API, live, and marks them read. The profile
 * changes the language to Spanish at once and for good, and changes the password. The
 * cheat sheet opens with `?`, never while typing, and not once shortcuts are off. The
 * header fits a 360 px phone. Two agents on one ticket, in two browsers, see each other
 * viewing, then replying.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, webHarness } from './harness.ts';

const h = webHarness();
let admin: { id: string; token: string };

beforeAll(async () => {
  admin = await h.user('admin@example.com', 'Ada Admin', 'admin');
  await h.user('carla@acme.example', 'Carla Customer', 'customer');
}, 180_000);

const newTicket = async (subject: string) =>
  (await h.api(admin.token, 'POST', '/tickets/', { subject, requester: 'carla@acme.example', messages: [{ body: `${subject}.` }] }, 201)) as { id: string; number: string };

/** Runs the jobs the API queued (notifications are written by a job after commit). */
async function drainJobs() {
  for (let i = 0; i < 20 && (await h.t.rt.worker.runOnce()) > 0; i++) { /* drain */ }
}

/** Waits until the check holds, for up to `ms`. */
async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const bell = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Notifications/ });

describe('one live stream for all tabs', () => {
  it('serves two tabs with one stream, and hands it over when the leader tab closes', async () => {
    await h.user('tabs@example.com', 'Tess Tabs', 'agent', { departmentIds: [1] });
    const { context, page, problems } = await h.openPage();
    await h.signIn(page, 'tabs@example.com');
    await bell(page).waitFor();
    const second = await context.newPage();
    second.on('pageerror', (e) => problems.push(e.message));
    second.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await second.goto(`${h.base}/tickets/`);
    await bell(second).waitFor();

    await until(() => h.t.rt.live.streamCount === 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(h.t.rt.live.streamCount).toBe(1);

    await newTicket('Seen in both tabs');
    await page.getByText('Seen in both tabs').first().waitFor();
    await second.getByText('Seen in both tabs').first().waitFor();

    const handover = Date.now();
    await page.close();
    await until(() => h.t.rt.live.streamCount === 1 && Date.now() - handover > 500);
    await newTicket('Seen after the handover');
    await second.getByText('Seen after the handover').first().waitFor();
    console.log(`stream handed over and the event shown ${Date.now() - handover} ms after the leader tab closed`);
    expect(h.t.rt.live.streamCount).toBe(1);
    await context.close();
    expect(problems).toEqual([]);
  });
});

describe('the notification bell', () => {
  it('shows an assignment and a mention live, opens the ticket, and marks everything read', async () => {
    const bea = await h.user('bea@example.com', 'Bea Builder', 'agent', { departmentIds: [1] });
    const { context, page, problems } = await h.openPage();
    await h.signIn(page, 'bea@example.com');
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications');
    await until(() => h.t.rt.live.streamCount >= 1);

    const assigned = await newTicket('Printer on fire');
    await h.api(admin.token, 'PATCH', `/tickets/${assigned.id}/`, { assignee: bea.id }, 200);
    const mentioned = await newTicket('Invoice missing');
    await h.api(admin.token, 'POST', `/tickets/${mentioned.id}/notes/`, { body: '@bea could you check this?' }, 201);
    await drainJobs();
    // Bea works in the department of every ticket of this file, so she is also told of the new ones.
    const unread = (await h.api(bea.token, 'GET', '/notifications/', undefined, 200)).unread_count as number;
    expect(unread).toBeGreaterThanOrEqual(2);
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe(`Notifications, ${unread} unread`);

    await bell(page).click();
    const panel = page.getByRole('dialog', { name: 'Notifications' });
    const mention = panel.getByRole('link', { name: `Unread: You were mentioned on ${mentioned.number}: Invoice missing` });
    await panel.getByRole('link', { name: `Unread: ${assigned.number} was assigned to you: Printer on fire` }).waitFor();
    await mention.waitFor();
    await h.shot(page, 'shell-bell');

    await mention.click();
    await page.waitForURL(`**/tickets/${mentioned.id}/`);
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe(`Notifications, ${unread - 1} unread`);
    await bell(page).click();
    await page.getByRole('dialog', { name: 'Notifications' }).getByRole('button', { name: 'Mark all as read' }).click();
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications');
    const listed = await h.api(bea.token, 'GET', '/notifications/', undefined, 200);
    expect(listed.unread_count).toBe(0);
    await context.close();
    expect(problems).toEqual([]);
  });

  it('keeps the header usable on a 360 px phone', async () => {
    await h.user('phone@example.com', 'Philippa Phone-Number', 'admin');
    const { context, page, problems } = await h.openPage({ viewport: { width: 360, height: 740 } });
    await h.signIn(page, 'phone@example.com');
    const header = page.getByRole('banner');
    for (const control of [bell(page), header.getByRole('link', { name: /Philippa/ }), header.getByRole('button', { name: 'Sign out' }),
      header.getByRole('link', { name: 'New ticket' }), header.getByRole('link', { name: 'Administration' })]) {
      const box = await control.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
      expect(box!.height).toBeGreaterThanOrEqual(24);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await bell(page).click();
    await page.getByRole('dialog', { name: 'Notifications' }).getByText('No notifications yet.').waitFor();
    const panel = await page.getByRole('dialog', { name: 'Notifications' }).boundingBox();
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(360);
    await h.shot(page, 'shell-header-360');
    await context.close();
    expect(problems).toEqual([]);
  });
});

describe('the profile', () => {
  it('speaks Spanish at once and after a reload, and changes the password', async () => {
    await h.user('pia@example.com', 'Pia Profile', 'agent');
    const { context, page, problems } = await h.openPage({ allowConsole: /\b(401|422)\b/ });
    await h.signIn(page, 'pia@example.com');
    await page.getByRole('link', { name: 'Pia Profile (your profile)' }).click();
    await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();
    expect(await page.getByLabel('Language', { exact: true }).inputValue()).toBe('');
    await h.shot(page, 'shell-profile');

    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Español' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Tu perfil', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.reload();
    await page.getByRole('heading', { name: 'Tu perfil', level: 1 }).waitFor();
    await page.getByRole('banner').getByRole('button', { name: 'Cerrar sesión' }).waitFor();
    await h.shot(page, 'shell-profile-es');
    await page.getByLabel('Idioma', { exact: true }).selectOption({ label: 'English' });
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();

    // The mail preferences save one box at a time.
    await page.getByRole('checkbox', { name: 'A ticket is assigned to me' }).uncheck();
    await expect.poll(async () => (await h.api(await tokenOf('pia@example.com'), 'GET', '/me/notification-preferences/', undefined, 200)).email.assigned).toBe(false);

    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill('a brand new password');
    await page.getByLabel('Repeat the new password').fill('a brand new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('This is not your current password.').waitFor();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password was changed').waitFor();
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill('pia@example.com');
    await page.getByLabel('Password').fill('a brand new password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await bell(page).waitFor();
    await context.close();
    expect(problems).toEqual([]);
  });
});

/** A fresh API token of an existing account (the profile test changes its password, which ends older JWTs). */
async function tokenOf(email: string): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: '/tickets/api/auth/token/', payload: { email, password: PASSWORD } });
  return (res.json() as { access: string }).access;
}

describe('keyboard shortcuts', () => {
  it('opens the cheat sheet with ?, never while typing, and not at all once turned off', async () => {
    await h.user('kim@example.com', 'Kim Keys', 'agent');
    const { context, page, problems } = await h.openPage();
    await h.signIn(page, 'kim@example.com');
    await bell(page).waitFor();
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });

    await page.keyboard.press('?');
    await sheet.waitFor();
    await sheet.getByText('Show the keyboard shortcuts').waitFor();
    await sheet.getByText('Open a new ticket').waitFor();
    await h.shot(page, 'shell-cheat-sheet');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    await page.keyboard.press('c');
    await page.waitForURL('**/tickets/new/');
    await page.getByRole('heading', { name: 'New ticket' }).waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('t');
    await page.waitForURL((url) => /^\/tickets\/?$/.test(url.pathname));

    // Typing a ? in a field types it.
    await page.getByRole('link', { name: 'Kim Keys (your profile)' }).click();
    const name = page.getByLabel('Name', { exact: true });
    await name.click();
    await page.keyboard.type('?');
    expect(await name.inputValue()).toBe('Kim Keys?');
    expect(await sheet.count()).toBe(0);

    // Off, from the switch inside the cheat sheet: ? does nothing any more, here and after a reload.
    await name.evaluate((el) => (el as HTMLElement).blur());
    await page.keyboard.press('?');
    await sheet.getByRole('switch', { name: 'Keyboard shortcuts' }).click();
    expect(await sheet.getByRole('switch', { name: 'Keyboard shortcuts' }).getAttribute('aria-checked')).toBe('false');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    await page.keyboard.press('?');
    await new Promise((r) => setTimeout(r, 300));
    expect(await sheet.count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();
    await page.keyboard.press('?');
    await new Promise((r) => setTimeout(r, 300));
    expect(await sheet.count()).toBe(0);
    const profileSwitch = page.getByRole('main').getByRole('switch', { name: 'Keyboard shortcuts' });
    expect(await profileSwitch.getAttribute('aria-checked')).toBe('false');
    await profileSwitch.click();
    await page.keyboard.press('?');
    await sheet.waitFor();
    await context.close();
    expect(problems).toEqual([]);
  });
});

describe('presence', () => {
  it('shows two agents on one ticket each other, viewing and then replying', async () => {
    await h.user('ana@example.com', 'Ana Avila', 'agent', { departmentIds: [1] });
    await h.user('bruno@example.com', 'Bruno Brandt', 'agent', { departmentIds: [1] });
    const ticket = await newTicket('Two agents, one ticket');
    const ana = await h.openPage();
    const bruno = await h.openPage();
    await h.signIn(ana.page, 'ana@example.com');
    await h.signIn(bruno.page, 'bruno@example.com');
    await ana.page.goto(`${h.base}/tickets/${ticket.id}/`);
    await ana.page.getByRole('heading', { name: 'Two agents, one ticket' }).waitFor();
    await bruno.page.goto(`${h.base}/tickets/${ticket.id}/`);
    // Bruno's first heartbeat answers that Ana is there.
    await bruno.page.getByText('Ana Avila is viewing').waitFor();

    await bruno.page.getByRole('textbox', { name: 'Your reply' }).fill('Let me take this one.');
    // Ana hears it on her next heartbeat (every 10 s).
    await ana.page.getByText('Bruno Brandt is replying…').waitFor({ timeout: 15_000 });
    await h.shot(ana.page, 'shell-presence');
    await ana.context.close();
    await bruno.context.close();
    expect(ana.problems).toEqual([]);
    expect(bruno.problems).toEqual([]);
  }, 45_000);
});
