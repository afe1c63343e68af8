/**
 * The scheduled summary (issue 12, seed 003 "envio de relatórios periódicos"): every hour the
 * scheduler runs this task; for each tenant whose `report_schedule` is daily or weekly it
 * mails the summary of the last whole day (or Monday-to-Sunday week) in `report_time_zone` to
 * each address of `report_recipients` that belongs to an active admin, in their language,
 * through the outbox. The outbox's dedupe key (schedule, period, recipient) makes it once
 * per period, whatever the number of workers and hourly runs.
 */
import { slotPayload } from '../../jobs/schedule.ts';
import { defineTask } from '../../jobs/define-task.ts';
import { loadTenantTemplates } from '../../mail/outbound/mail-templates/tenant-templates.ts';
import { composeMail } from '../../mail/outbound/notifications/compose-mail.ts';
import type { NotifyDeps } from '../../mail/outbound/notifications/ticket-scope.ts';
import { templateLanguage } from '../../mail/outbound/notifications/templates/index.ts';
import { queueMail } from '../../mail/outbound/queue-mail.ts';
import { getSettings } from '../settings/get-settings.ts';
import { systemCtx } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { addDays, formatLocalDate, wallTime } from '../sla/zoned-time.ts';
import { listTenants, type TenantRow } from '../tenants/tenants.repo.ts';
import { loadActor } from '../users/load-actor.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { summaryReport, type SummaryReport } from './summary-report.ts';

export const MAIL_SUMMARY_TASK = 'reports.mail_summary';

/** The last whole period before `now`: yesterday, or last week (Monday to Sunday), local dates. */
export function lastPeriod(schedule: 'daily' | 'weekly', now: Date, timeZone: string): { from: string; to: string } {
  const w = wallTime(now.getTime(), timeZone);
  const today = addDays({ year: w.year, month: w.month, day: w.day }, 0);
  if (schedule === 'daily') { const y = formatLocalDate(addDays(today, -1)); return { from: y, to: y }; }
  const monday = addDays(today, -((today.weekday + 6) % 7));
  return { from: formatLocalDate(addDays(monday, -7)), to: formatLocalDate(addDays(monday, -1)) };
}

const minutes = (m: number | null) => (m === null ? '-' : m < 120 ? `${Math.round(m)} min` : `${Math.round(m / 6) / 10} h`);
const percent = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);

function reportVars(s: SummaryReport, url: string) {
  return {
    from: s.period.from, to: s.period.to, created: s.created, solved: s.solved,
    first_response: minutes(s.first_response_minutes.median), resolution: minutes(s.resolution_minutes.median),
    sla: percent(s.sla.compliance), csat: s.csat.score === null ? '-' : `${percent(s.csat.score)} (${s.csat.ratings})`,
    backlog: s.backlog_age.reduce((n, b) => n + b.count, 0), url,
  };
}

/** Mails one tenant's summary for the period that ended before `now`; returns how many mails were queued. */
export async function mailSummaryReport(deps: NotifyDeps, tenant: TenantRow, now: Date): Promise<number> {
  const settings = await getSettings(deps.db, tenant.id);
  if (settings.report_schedule === 'off' || settings.report_recipients.length === 0) return 0;
  const period = lastPeriod(settings.report_schedule, now, settings.report_time_zone);
  const templates = await loadTenantTemplates(deps.db, tenant.id);
  let queued = 0;
  for (const address of settings.report_recipients) {
    const user = await findUserByEmail(deps.db, tenant.id, address);
    if (!user || user.role !== 'admin' || !user.is_active) continue;
    const ctx = { ...systemCtx(deps, tenant.id, 'jobs'), actor: await loadActor(deps.db, user) };
    const summary = await summaryReport(ctx, period, now);
    const mail = composeMail('report_summary', templateLanguage(user.language, tenant.language), {
      tenant: { name: tenant.name }, recipient: { name: user.name }, report: reportVars(summary, `${deps.baseUrl}/tickets/dashboard/`),
    }, templates);
    const result = await inTransaction(systemCtx(deps, tenant.id, 'jobs'), (tx) => queueMail(tx, {
      ticketId: null, messageId: null, kind: 'notification', to: [user.email], from: deps.from,
      subject: mail.subject, text: mail.text, html: mail.html, automatic: true,
      dedupeKey: `report_summary:${settings.report_schedule}:${period.from}:${user.id}`,
    }));
    if (!result.duplicate) queued++;
  }
  return queued;
}

export const mailSummaryReportTask = defineTask({
  name: MAIL_SUMMARY_TASK,
  payload: slotPayload,
  async run(deps: NotifyDeps, { slot }) {
    const now = new Date(slot);
    for (const tenant of await listTenants(deps.db)) await mailSummaryReport(deps, tenant, now);
  },
});
