import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { findTenantById } from '../tenants/tenants.repo.ts';
import { upsertSetting } from '../settings/settings.repo.ts';
import { startApiTest, stopApiTest, type ApiTest } from '../../../test/helpers/api-test.ts';
import { api } from '../../../test/helpers/api.ts';
import { lastPeriod, mailSummaryReport, MAIL_SUMMARY_TASK } from './mail-summary-report.task.ts';

let s: ApiTest;
beforeAll(async () => { s = await startApiTest(); });
afterAll(async () => stopApiTest(s));

describe('lastPeriod', () => {
  it('is yesterday, or last Monday to Sunday, in the zone', () => {
    // Monday 2026-03-09 00:30 in Madrid is still Sunday in UTC.
    const now = new Date('2026-03-08T23:30:00Z');
    expect(lastPeriod('daily', now, 'Europe/Madrid')).toEqual({ from: '2026-03-08', to: '2026-03-08' });
    expect(lastPeriod('weekly', now, 'Europe/Madrid')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(lastPeriod('weekly', now, 'UTC')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
  });
});

describe('the scheduled summary', () => {
  it('mails each admin recipient once per period, in their language, however often and by however many workers it runs', async () => {
    const { t, app, w } = s;
    const now = new Date('2026-03-10T07:00:00Z');
    for (const subject of ['a', 'b', 'c']) {
      const res = await api(app, w.agent.token).post('/tickets/api/tickets/', { subject, requester: w.customer.user.email, messages: [{ body: 'x' }] });
      await t.rt.db.updateTable('tickets').set({ created_at: '2026-03-04T10:00:00.000Z' }).where('tenant_id', '=', w.tenantId).where('id', '=', res.body.id).execute();
    }
    const stamp = new Date().toISOString();
    await upsertSetting(t.rt.db, w.tenantId, 'report_schedule', 'weekly', stamp);
    // The agent is not an admin, and nobody has the third address: neither gets it.
    await upsertSetting(t.rt.db, w.tenantId, 'report_recipients', [w.admin.user.email, w.agent.user.email, 'nobody@example.com'], stamp);
    await t.rt.db.updateTable('users').set({ language: 'es' }).where('tenant_id', '=', w.tenantId).where('id', '=', w.admin.user.id).execute();

    const deps = { ...t.rt.systemCtx(w.tenantId), baseUrl: 'https://desk.example', from: 'desk@example.com' };
    const tenant = (await findTenantById(t.rt.db, w.tenantId))!;
    const sent = await Promise.all([mailSummaryReport(deps, tenant, now), mailSummaryReport(deps, tenant, now)]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    // The hourly job of a later hour in the same week: nothing new.
    await insertJobs(t.rt.db, [{ tenantId: null, name: MAIL_SUMMARY_TASK, payload: { slot: '2026-03-11T09:00:00.000Z' } }]);
    await t.rt.worker.runOnce();

    const mails = await t.rt.db.selectFrom('outbound_mails').select(['to_addresses', 'subject', 'body_text'])
      .where('tenant_id', '=', w.tenantId).where('subject', 'like', 'Resumen%').execute();
    expect(mails).toHaveLength(1);
    expect(JSON.parse(mails[0].to_addresses)).toEqual([w.admin.user.email]);
    expect(mails[0].subject).toBe('Resumen 2026-03-02 – 2026-03-08: 3 creados, 0 resueltos');
    expect(mails[0].body_text).toContain('https://desk.example/tickets/dashboard/');

    // The next week is another period: mailed again.
    expect(await mailSummaryReport(deps, tenant, new Date('2026-03-16T07:00:00Z'))).toBe(1);
    await upsertSetting(t.rt.db, w.tenantId, 'report_schedule', 'off', stamp);
    expect(await mailSummaryReport(deps, tenant, new Date('2026-03-23T07:00:00Z'))).toBe(0);
  });
});
