/**
 * The mail admin screens in a real Chromium under the CSP (issue 10 "Admin"): an admin adds
 * a department with a queue address (one taken already is refused on the field), adds an
 * IMAP mailbox against a real Dovecot, whose "Test connection" fails with a wrong password
 * and works with the right one, scans it and deletes it (after confirming); quarantined
 * mail is opened with its decision trace, reprocessed, downloaded, and discarded; the
 * outgoing mail page saves SMTP settings, sends a test mail to a real SMTP server and
 * generates a DKIM key, showing the DNS record to publish; a Microsoft 365 mailbox that
 * needs authorization is connected through a stand-in OAuth2 provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../test/helpers/dovecot.ts';
import { eml } from '../../test/helpers/mail.ts';
import { startOAuthServer, type OAuthServer } from '../../test/helpers/oauth-server.ts';
import { startSmtpSink, type SmtpSink } from '../../test/helpers/smtp-sink.ts';
import { processInbound } from '../../src/mail/inbound/process-inbound.ts';
import { receiveMessage } from '../../src/mail/inbound/receive-message.ts';
import { webHarness } from './harness.ts';

const h = webHarness();
let dovecot: Dovecot;
let sink: SmtpSink;
let oauth: OAuthServer;
let adminToken: string;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ name: 'soporte', password: 'clave-imap' }] });
  sink = await startSmtpSink();
  oauth = await startOAuthServer();
  adminToken = (await h.user('admin@example.com', 'Ada Admin', 'admin')).token;
  await h.user('alex@example.com', 'Alex Agent', 'agent');
  // An address another department has already: claiming it again is a 409.
  await h.api(adminToken, 'PATCH', '/departments/1/', { addresses: ['taken@example.com'] }, 200);
}, 120_000);

afterAll(async () => {
  await dovecot?.stop();
  await sink?.close();
  await oauth?.close();
});

/**
 * A message that failed processing for good (as in inbound-messages.routes.test.ts): its
 * raw bytes were missing on the final attempt and are back, so only an admin's reprocess retries it.
 */
async function quarantined(subject: string): Promise<string> {
  const { rt } = h.t;
  const tenantId = rt.defaultTenantId;
  const raw = eml({ from: 'q@cliente.example', to: 'taken@example.com', subject, body: 'x' });
  const { id } = await receiveMessage(rt, { tenantId, mailboxId: null, source: 'mailgate', raw });
  await rt.db.deleteFrom('inbound_raw').where('inbound_id', '=', id).execute();
  expect(await processInbound(rt, tenantId, id, true)).toBe('quarantined');
  await rt.db.updateTable('jobs').set({ status: 'done' }).where('unique_key', '=', `mail.process:${id}`).execute();
  await rt.db.insertInto('inbound_raw').values({ inbound_id: id, tenant_id: tenantId, raw }).execute();
  return id;
}

describe('admin: mail', () => {
  it('an admin adds a department and a mailbox', async () => {
    const { page, problems } = await h.openPage({ allowConsole: /\b(401|409)\b/ });
    await h.signIn(page, 'admin@example.com');
    await page.goto(`${h.base}/tickets/admin/`);
    await page.getByRole('heading', { name: 'Departments' }).waitFor();
    await h.shot(page, 'admin-departments');

    await page.getByRole('link', { name: 'New department' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Sales');
    const addresses = page.getByLabel('Queue addresses');
    await addresses.fill('taken@example.com');
    await page.getByLabel('Default owner').selectOption({ label: 'Alex Agent (alex@example.com)' });
    await page.getByRole('button', { name: 'Create department' }).click();
    // The taken address is refused on its field, and nothing was created.
    await expect.poll(() => addresses.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#dep-addresses-error').textContent()).toContain('taken@example.com');
    await addresses.fill('sales@example.com');
    await page.getByRole('button', { name: 'Create department' }).click();
    await page.getByRole('heading', { name: 'Sales' }).waitFor();
    await h.shot(page, 'admin-department-form');
    await page.getByRole('link', { name: 'All departments' }).click();
    const row = page.getByRole('row', { name: /Sales/ });
    await expect.poll(() => row.textContent()).toContain('sales@example.com');
    expect(await row.textContent()).toContain('Alex Agent');

    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Mailboxes' }).click();
    await page.getByRole('link', { name: 'New mailbox' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Support');
    await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(dovecot.imapPort));
    await page.getByLabel('Security', { exact: true }).selectOption('none');
    await page.getByLabel('User name').fill('soporte');
    await page.getByLabel('Password', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const failure = page.getByRole('alert').filter({ hasText: 'Connection failed.' });
    await failure.waitFor();
    expect(await failure.textContent()).toContain('The server refused the user name or password.');
    await page.getByLabel('Password', { exact: true }).fill('clave-imap');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connection works: logged in to 127.0.0.1').waitFor();
    await page.getByLabel('Department', { exact: true }).selectOption({ label: 'Sales' });
    await page.getByRole('button', { name: 'Create mailbox' }).click();
    await page.getByRole('heading', { name: 'Support' }).waitFor();
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await h.shot(page, 'admin-mailbox-form');

    dovecot.deliver('soporte', eml({ from: 'c@cliente.example', to: 'sales@example.com', subject: 'Hola', body: 'Hola' }));
    await page.getByRole('button', { name: 'Scan now' }).click();
    await page.getByText('Scanned: 1 fetched, 1 new, 0 failed.').waitFor();
    await page.getByRole('link', { name: 'All mailboxes' }).click();
    const mailboxRow = page.getByRole('row', { name: /Support/ });
    await expect.poll(() => mailboxRow.textContent()).toContain('Working');
    expect(await mailboxRow.textContent()).toContain('soporte @ 127.0.0.1');
    await h.shot(page, 'admin-mailboxes');

    await mailboxRow.getByRole('link', { name: 'Support' }).click();
    const opener = page.getByRole('button', { name: 'Delete mailbox' });
    const dialog = page.getByRole('dialog', { name: 'Delete the mailbox Support?' });
    // The shared confirmation is a modal native <dialog>: focus inside it, the page behind inert;
    // Escape and a click on the backdrop cancel, and focus goes back to the opener.
    await opener.click();
    await expect.poll(() => dialog.evaluate((d) => d.matches(':modal') && d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => opener.evaluate((b) => b === document.activeElement)).toBe(true);
    await opener.click();
    await dialog.waitFor();
    await page.mouse.click(3, 3);
    await expect.poll(() => dialog.count()).toBe(0);
    await opener.click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No mailboxes yet.').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('quarantined mail is reprocessed, downloaded and discarded; outgoing SMTP settings are saved and tested', async () => {
    const first = await quarantined('Broken one');
    await quarantined('Broken two');
    const { page, problems } = await h.openPage();
    await h.signIn(page, 'admin@example.com');
    await page.goto(`${h.base}/tickets/admin/quarantine/`);
    await page.getByRole('heading', { name: 'Received mail' }).waitFor();
    await page.getByRole('link', { name: 'Broken two' }).waitFor();
    expect(await page.getByLabel('Show').locator('option:checked').textContent()).toBe('Quarantined (2)');
    await h.shot(page, 'admin-received-mail');

    await page.getByRole('link', { name: 'Broken one' }).click();
    await page.getByRole('heading', { name: 'What the pipeline decided' }).waitFor();
    expect(await page.locator('.mail-trace li').count()).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download .eml' }).click();
    expect((await download).suggestedFilename()).toBe(`message-${first}.eml`);
    await h.shot(page, 'admin-received-message');
    await page.getByRole('button', { name: 'Reprocess' }).click();
    await page.getByText('Queued for processing again.').waitFor();
    expect(await page.locator('.mail-facts').textContent()).toContain('Waiting to be processed');

    await page.getByRole('link', { name: 'All received mail' }).click();
    await page.getByRole('link', { name: 'Broken two' }).click();
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('dialog', { name: 'Discard this message?' }).getByRole('button', { name: 'Discard' }).click();
    await page.getByText('Discarded.').waitFor();
    expect(await page.getByRole('link', { name: 'Download .eml' }).count()).toBe(0);
    await page.getByRole('link', { name: 'All received mail' }).click();
    await page.getByText('Nothing is quarantined.').waitFor();

    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Outgoing mail' }).click();
    await page.getByText('Mail of this helpdesk goes out through').waitFor();
    await page.getByLabel('SMTP host').fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(sink.port));
    await page.getByLabel('Security', { exact: true }).selectOption('none');
    await page.getByRole('button', { name: 'Save outgoing mail' }).click();
    await page.getByText('Mail of this helpdesk goes out through the helpdesk setting.').waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('SMTP host').inputValue()).toBe('127.0.0.1');
    expect(await page.getByLabel('Port', { exact: true }).inputValue()).toBe(String(sink.port));
    await page.getByLabel('Send a test mail to').fill('me@example.com');
    await page.getByRole('button', { name: 'Send test mail' }).click();
    await page.getByText('The test mail was sent from').waitFor();
    expect(sink.messages.map((m) => m.envelope.to)).toEqual([['me@example.com']]);
    await page.getByLabel('Domain', { exact: true }).fill('example.com');
    await page.getByRole('button', { name: 'Generate a key' }).click();
    await page.getByText('parley._domainkey.example.com').waitFor();
    expect(await page.locator('.mail-dkim').textContent()).toContain('v=DKIM1; k=rsa; p=');
    await h.shot(page, 'admin-outgoing-mail');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('a mailbox that needs authorization is connected through the provider (on a phone)', async () => {
    await h.api(adminToken, 'POST', '/mailboxes/', {
      name: 'M365', kind: 'graph', username: 'support@example.com', oauth_provider: 'microsoft',
      oauth_config: { client_id: oauth.clientId, client_secret: oauth.clientSecret ?? 'secret', authorize_url: oauth.authorizeUrl, token_url: oauth.tokenUrl },
    }, 201);
    // On a phone: the tables become one block per row, and everything stays reachable.
    const { page, problems } = await h.openPage({ viewport: { width: 360, height: 740 } });
    // The provider sends the browser back to the configured base URL; here that is this server.
    await page.route((url) => url.pathname === '/tickets/api/oauth/callback/' && !url.href.startsWith(h.base), (route) => {
      const back = new URL(route.request().url());
      return route.fulfill({ status: 302, headers: { location: `${h.base}${back.pathname}${back.search}` } });
    });
    await h.signIn(page, 'admin@example.com');
    await page.goto(`${h.base}/tickets/admin/mailboxes/`);
    const row = page.getByRole('row', { name: /M365/ });
    await expect.poll(() => row.textContent()).toContain('Needs re-authorization');
    await h.shot(page, 'admin-mailboxes-phone');
    await row.getByRole('link', { name: 'M365' }).click();
    await page.getByText('This mailbox cannot be read until someone signs in to it again').waitFor();
    await page.getByRole('button', { name: 'Connect Microsoft 365' }).click();
    await page.getByRole('heading', { name: 'Mailbox connected' }).waitFor();
    expect(oauth.authorizations.map((a) => a.client_id)).toEqual([oauth.clientId]);
    await page.goto(`${h.base}/tickets/admin/mailboxes/`);
    await expect.poll(() => page.getByRole('row', { name: /M365/ }).textContent()).toContain('Working');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
