/**
 * The admin screens for people, settings, templates, tokens, the audit log and jobs (issue
 * 10, "Admin") in a real Chromium under the CSP: an admin creates an agent, deactivates and
 * reactivates them; creates an organisation with a domain (a bad one refused by the field);
 * changes a setting and finds it kept after a reload (and only it sent); edits a mail
 * template with an unknown variable (the error by the field), fixes it, previews, saves and
 * resets it; creates an API token whose secret is shown once and works, then revokes it
 * (401); sees the setting change in the audit log; retries a failed job. The users list is
 * read at 360 px, and a Spanish-speaking admin gets every setting explained in Spanish.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { insertJobs } from '../../src/jobs/jobs.repo.ts';
import { webHarness } from './harness.ts';

const h = webHarness();
let admin: { id: string; token: string };

beforeAll(async () => {
  admin = await h.user('admin@example.com', 'Ada Admin', 'admin');
  await h.api(admin.token, 'POST', '/departments/', { name: 'Billing', slug: 'billing' }, 201);
  // A job whose task does not exist fails for good on its first run: a real failed job.
  await insertJobs(h.t.rt.db, [{ tenantId: h.t.rt.defaultTenantId, name: 'test.missing_task', payload: {} }]);
  await h.t.rt.worker.runOnce();
}, 180_000);

describe('admin: people', () => {
  it('creates an agent, deactivates and reactivates them, and creates an organisation', async () => {
    const { page, problems, context } = await h.openPage({ allowConsole: /\b(401|422)\b/ });
    await page.goto(`${h.base}/tickets/admin/users/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await h.signIn(page, 'admin@example.com');
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByRole('link', { name: 'Ada Admin', exact: true }).waitFor();
    await h.shot(page, 'admin-users');

    await page.getByRole('link', { name: 'New user' }).click();
    await page.getByLabel('Email').fill('alex@example.com');
    await page.getByLabel('Name').fill('Alex Agent');
    await page.getByLabel('Role').selectOption('agent');
    await page.getByRole('checkbox', { name: 'Billing' }).check();
    await h.shot(page, 'admin-user-new');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('heading', { name: 'Alex Agent' }).waitFor();
    const alex = (await h.api(admin.token, 'GET', '/users/?search=alex', undefined, 200)).results[0];
    expect(alex).toMatchObject({ email: 'alex@example.com', role: 'agent', is_active: true, departments: [expect.any(Number)] });

    await page.getByRole('button', { name: 'Deactivate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate Alex Agent?' });
    await dialog.getByText('signed out everywhere').waitFor();
    await h.shot(page, 'admin-user-deactivate');
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('This account is deactivated: it cannot sign in.').waitFor();
    expect((await h.api(admin.token, 'GET', `/users/${alex.id}/`, undefined, 200)).is_active).toBe(false);
    await page.getByRole('button', { name: 'Reactivate…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reactivate' }).click();
    await page.getByRole('button', { name: 'Deactivate…' }).waitFor();
    expect((await h.api(admin.token, 'GET', `/users/${alex.id}/`, undefined, 200)).is_active).toBe(true);
    await page.getByRole('link', { name: 'All users' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Alex Agent/ }).textContent()).toMatch(/Billing.*Active/);

    await page.getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('link', { name: 'New organisation' }).click();
    await page.getByLabel('Name').fill('Acme Corp');
    await page.getByLabel('Add a mail domain').fill('not a domain');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('"not a domain" is not a mail domain (like acme.example).').waitFor();
    await page.getByLabel('Add a mail domain').fill('Acme.Example');
    await page.getByLabel('Add a mail domain').press('Enter');
    await page.getByRole('button', { name: 'Remove acme.example' }).waitFor();
    await h.shot(page, 'admin-organisation-new');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('heading', { name: 'Acme Corp' }).waitFor();
    const orgs = (await h.api(admin.token, 'GET', '/organisations/', undefined, 200)).results;
    expect(orgs).toEqual([expect.objectContaining({ name: 'Acme Corp', domains: ['acme.example'] })]);
    await page.getByRole('link', { name: 'All organisations' }).click();
    await page.getByRole('link', { name: 'Acme Corp', exact: true }).waitFor();
    await h.shot(page, 'admin-organisations');
    // On a phone the menu goes above and the users table still reads.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'Alex Agent' }).waitFor();
    await h.shot(page, 'admin-users-phone');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('explains every setting in Spanish', async () => {
    await h.user('sofia@example.com', 'Sofía Admin', 'admin', { language: 'es' });
    const { page, problems, context } = await h.openPage();
    await page.goto(`${h.base}/tickets/admin/settings/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await h.signIn(page, 'sofia@example.com');
    await page.getByRole('heading', { name: 'Ajustes', level: 2 }).waitFor();
    await page.getByRole('switch', { name: 'Los clientes pueden registrarse' }).waitFor();
    await page.getByText('Permite que los clientes creen su propia cuenta en el portal.').waitFor();
    await page.getByRole('region', { name: 'Niveles de servicio (SLA)' }).getByRole('spinbutton', { name: 'Crítica: Primera respuesta (horas)' }).waitFor();
    await h.shot(page, 'admin-settings-es');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('admin: settings, templates, tokens, audit log, jobs', () => {
  it('saves a setting, edits a template, uses and revokes a token, reads the audit log, retries a job', async () => {
    const { page, problems, context } = await h.openPage({ allowConsole: /\b(401|422)\b/ });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.base });
    await page.goto(`${h.base}/tickets/admin/settings/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await h.signIn(page, 'admin@example.com');

    // Settings: one switch changed, its section saved, kept after a reload; only it was sent.
    const portal = page.getByRole('region', { name: 'Customer portal' });
    const register = portal.getByRole('switch', { name: 'Customers may register' });
    await expect.poll(() => register.getAttribute('aria-checked')).toBe('false');
    await page.getByText('Let customers create their own account on the portal.').waitFor();
    await h.shot(page, 'admin-settings');
    await register.click();
    await portal.getByRole('button', { name: 'Save changes' }).click();
    await portal.getByText('Saved.').waitFor();
    await page.reload();
    await expect.poll(() => page.getByRole('switch', { name: 'Customers may register' }).getAttribute('aria-checked')).toBe('true');
    const changes = (await h.api(admin.token, 'GET', '/audit-log/?name=settings.updated', undefined, 200)).results;
    expect(changes.map((e: { payload: { changes: object } }) => Object.keys(e.payload.changes))).toEqual([['allow_customer_registration']]);

    // A bad number is refused by the server, by its field.
    const mail = page.getByRole('region', { name: 'Mail' });
    await mail.getByLabel('Mailbox scan frequency (minutes)').fill('5000');
    await mail.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => mail.getByLabel('Mailbox scan frequency (minutes)').getAttribute('aria-invalid')).toBe('true');
    await mail.getByLabel('Mailbox scan frequency (minutes)').fill('5');
    await mail.getByRole('button', { name: 'Save changes' }).click();
    await mail.getByText('Saved.').waitFor();

    // Mail templates: an unknown variable is refused by the field, then fixed, previewed, saved and reset.
    await page.goto(`${h.base}/tickets/admin/templates/`);
    await page.getByRole('link', { name: 'Edit Confirmation in English' }).waitFor();
    await h.shot(page, 'admin-templates');
    await page.getByRole('link', { name: 'Edit Confirmation in English' }).click();
    const subject = page.getByRole('textbox', { name: 'Subject' });
    await subject.fill('Received {{ticket.priority}} [{{ticket.number}}]');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.locator('#template-subject-error').getByText(/unknown variables/).waitFor();
    expect(await subject.getAttribute('aria-invalid')).toBe('true');
    await subject.fill('Received: ');
    await page.getByRole('button', { name: 'Insert ticket.number' }).click();
    await expect.poll(() => subject.inputValue()).toBe('Received: {{ticket.number}}');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByText('Received: TK-000042').waitFor();
    await expect.poll(() => preview.frameLocator('iframe').locator('body').textContent()).toMatch(/TK-000042/);
    expect(await preview.locator('iframe').getAttribute('sandbox')).not.toContain('allow-scripts');
    await h.shot(page, 'admin-template-editor');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Saved. The next mail of this kind uses it.').waitFor();
    expect((await h.api(admin.token, 'GET', '/mail-templates/confirmation.en/', undefined, 200)).subject).toBe('Received: {{ticket.number}}');
    await page.getByRole('button', { name: 'Reset to default…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset to default' }).click();
    await page.getByText('Back to the built-in template.').waitFor();
    expect((await h.api(admin.token, 'GET', '/mail-templates/confirmation.en/', undefined, 200)).overridden).toBe(false);

    // API tokens: the secret once, working; revoked, refused.
    await page.goto(`${h.base}/tickets/admin/api-tokens/`);
    await page.getByLabel('Name').fill('CI robot');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByLabel('Secret').inputValue();
    expect(secret).toMatch(/^pat_/);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.getByRole('row', { name: /CI robot/ }).waitFor();
    await h.shot(page, 'admin-api-tokens');
    const asToken = () => h.app.inject({ method: 'GET', url: '/tickets/api/tickets/', headers: { authorization: `Bearer ${secret}` } });
    expect((await asToken()).statusCode).toBe(200);
    await page.reload();
    await page.getByRole('row', { name: /CI robot/ }).waitFor();
    expect(await page.getByLabel('Secret').count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke CI robot' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('row', { name: /CI robot/ }).getByText(/Revoked/).waitFor();
    expect((await asToken()).statusCode).toBe(401);

    // The audit log: the setting change, who made it, its details.
    await page.goto(`${h.base}/tickets/admin/audit-log/`);
    await page.getByLabel('Action').selectOption('settings.updated');
    const entries = page.getByRole('list', { name: 'Entries' });
    const entry = entries.getByRole('listitem').filter({ hasText: '(Customers may register)' });
    await entry.getByText('Ada Admin').waitFor();
    await entry.getByText('Details').click();
    await entry.getByText('false → true').waitFor();
    await h.shot(page, 'admin-audit-log');
    // The period is filtered by the API (since/until): days long past show nothing, a range up to today shows the entry.
    const today = await page.evaluate(() => new Date().toLocaleDateString('sv'));
    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await page.waitForURL((url) => url.searchParams.get('from') === '2020-01-01');
    const asked = page.waitForRequest((r) => new URL(r.url()).searchParams.has('until'));
    await page.getByLabel('To', { exact: true }).fill('2020-01-31');
    expect(new URL((await asked).url()).searchParams.get('since')).toMatch(/^2020-01-01T|^2019-12-31T/);
    await page.getByText('Nothing was recorded that matches.').waitFor();
    await page.getByLabel('To', { exact: true }).fill(today);
    await entry.getByText('Ada Admin').waitFor();
    expect(new URL(page.url()).searchParams.get('to')).toBe(today);

    // Background jobs: the failed one with its error, retried.
    await page.goto(`${h.base}/tickets/admin/jobs/`);
    await page.getByText('test.missing_task', { exact: true }).waitFor();
    await page.getByText('no task is registered under "test.missing_task"').waitFor();
    await h.shot(page, 'admin-jobs');
    await page.getByRole('button', { name: /^Retry job test.missing_task/ }).click();
    await page.getByText('No failed jobs.').waitFor();
    const job = (await h.api(admin.token, 'GET', '/jobs/', undefined, 200)).results.find((j: { name: string }) => j.name === 'test.missing_task');
    expect(job.status).toBe('pending');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
