/** What every period report starts with: the actor authorized, the scope and the period. */
import { getSettings } from '../settings/get-settings.ts';
import type { Ctx } from '../shared/context.ts';
import { reportPeriod, type ReportPeriod } from './report-period.ts';
import { findRollupZone } from './report-rollup.repo.ts';
import { authorizeReports } from './reports.policy.ts';
import type { ReportFilters, ReportScope } from './report-scope.ts';

export interface ReportQuery extends ReportFilters { from?: string; to?: string }
/**
 * `rollup`: the daily rollup (migration 030) is kept in the zone the period is in, so the
 * report may sum it; otherwise (the zone setting changed and the rollup was not rebuilt,
 * e.g. by a manual SQL change) it counts from the tickets, slower but with the same answers.
 */
export interface OpenReport { scope: ReportScope; period: ReportPeriod; rollup: boolean }

export async function openReport(ctx: Ctx, q: ReportQuery, now?: Date): Promise<OpenReport> {
  const actor = authorizeReports(ctx.actor, 'read');
  const [settings, rollupZone] = await Promise.all([getSettings(ctx.db, ctx.tenantId), findRollupZone(ctx.db, ctx.tenantId)]);
  return {
    scope: {
      actor, dialect: ctx.dialect, customersSeeOrganisation: settings.customers_see_organisation_tickets,
      filters: { departmentId: q.departmentId, agentId: q.agentId },
    },
    period: reportPeriod(q, settings.report_time_zone, now),
    rollup: rollupZone === settings.report_time_zone,
  };
}
