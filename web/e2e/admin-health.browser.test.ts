/**
 * The admin's "System health" page in a real Chromium under the CSP: a failed job and a
 * job waiting to run show as figures that need attention, each area links to its screen,
 * and a quiet area reads "All clear".
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { insertJobs } from '../../src/jobs/jobs.repo.ts';
import { webHarness } from './harness.ts';

const h = webHarness();

beforeAll(async () => {
  await h.user('admin@example.com', 'Ada Admin', 'admin');
  const tenantId = h.t.rt.defaultTenantId;
  // A job whose task does not exist fails for good on its first run: a real failed job.
  await insertJobs(h.t.rt.db, [{ tenantId, name: 'test.missing_task', payload: {} }]);
  await h.t.rt.worker.runOnce();
  await insertJobs(h.t.rt.db, [{ tenantId, name: 'test.waiting', payload: {}, runAt: new Date(Date.now() - 3600_000) }]);
}, 180_000);

describe('admin: system health', () => {
  it('shows the waiting and failed jobs, links to them, and reads "All clear" where nothing waits', async () => {
    const { page, problems } = await h.openPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${h.base}/tickets/admin/health/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await h.signIn(page, 'admin@example.com');
    await page.getByRole('heading', { name: 'System health' }).waitFor();

    const jobs = page.getByRole('region', { name: 'Background jobs' });
    await jobs.getByText('Needs attention').waitFor();
    expect(await jobs.getByRole('definition').allInnerTexts()).toEqual([expect.stringMatching(/^1 oldest since /), '1']);
    const mailboxes = page.getByRole('region', { name: 'Mailboxes' });
    await mailboxes.getByText('All clear').waitFor();
    await h.shot(page, 'admin-health');

    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'System health' }).waitFor();
    await jobs.getByRole('link', { name: 'Open background jobs' }).click();
    await page.getByRole('heading', { name: 'Background jobs' }).waitFor();
    await page.getByText('test.missing_task', { exact: true }).waitFor();
    expect(problems).toEqual([]);
  }, 90_000);
});
