/** What every period report starts with: the actor authorized, the scope and the period. */
import { getSettings } from '../settings/get-settings.ts';
import type { Ctx } from '../shared/context.ts';
import { reportPeriod, type ReportPeriod } from './report-period.ts';
import { authorizeReports } from './reports.policy.ts';
import type { ReportFilters, ReportScope } from './report-scope.ts';

export interface ReportQuery extends ReportFilters { from?: string; to?: string }
export interface OpenReport { scope: ReportScope; period: ReportPeriod }

export async function openReport(ctx: Ctx, q: ReportQuery, now?: Date): Promise<OpenReport> {
  const actor = authorizeReports(ctx.actor, 'read');
  const settings = await getSettings(ctx.db, ctx.tenantId);
  return {
    scope: {
      actor, dialect: ctx.dialect, customersSeeOrganisation: settings.customers_see_organisation_tickets,
      filters: { departmentId: q.departmentId, agentId: q.agentId },
    },
    period: reportPeriod(q, settings.report_time_zone, now),
  };
}
