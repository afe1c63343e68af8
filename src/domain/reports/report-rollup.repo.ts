/**
 * Reads of the reports' daily rollup (migration 030): rows of whole local days, narrowed to
 * what the actor may see and to the report's filters, summed over shards by the callers.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Database } from '../../db/schema.ts';
import type { ReportScope } from './report-scope.ts';

type RollupTable = 'report_days' | 'report_day_dims' | 'report_months';
export interface DayRange { from: string; to: string }

/** The zone the tenant's rollup is kept in: the one it was last built for ('UTC' before any). */
export async function findRollupZone(db: Db, tenantId: string): Promise<string> {
  const row = await db.selectFrom('report_day_zones').select('time_zone').where('tenant_id', '=', tenantId).executeTakeFirst();
  return row?.time_zone ?? 'UTC';
}

/** The same rule as visibleTickets (ticket.policy.ts), on the rollup's department and assignee, plus the filters. */
function rollupScope(s: ReportScope) {
  return (eb: ExpressionBuilder<Database, RollupTable>): Expression<SqlBool> => {
    const parts: Array<Expression<SqlBool>> = [];
    const a = s.actor;
    if (a.role === 'customer') parts.push(sql<SqlBool>`1 = 0`); // reports are refused to customers before this
    else if (a.role === 'agent' && a.restrictedToDepartments) {
      parts.push(a.departmentIds.length === 0 ? eb('assignee_id', '=', a.id)
        : eb.or([eb('department_id', 'in', a.departmentIds), eb('assignee_id', '=', a.id)]));
    }
    if (s.filters.departmentId !== undefined) parts.push(eb('department_id', '=', s.filters.departmentId));
    if (s.filters.agentId !== undefined) parts.push(eb('assignee_id', '=', s.filters.agentId));
    return eb.and(parts);
  };
}

/** Created, solved and breached over the days, in one group or per assignee ('' for none). */
export async function sumRollupCounts(db: Db, tenantId: string, scope: ReportScope, days: DayRange, perAssignee: boolean) {
  let q = db.selectFrom('report_days')
    .select([sql<string>`${perAssignee ? sql.ref('assignee_id') : sql.lit('all')}`.as('g'),
      sql<number>`SUM(created)`.as('created'), sql<number>`SUM(solved)`.as('solved'), sql<number>`SUM(breached)`.as('breached')])
    .where('tenant_id', '=', tenantId).where('day', '>=', days.from).where('day', '<=', days.to)
    .where(rollupScope(scope));
  if (perAssignee) q = q.groupBy('assignee_id');
  const rows = await q.execute();
  return rows.map((r) => ({ g: String(r.g), created: Number(r.created ?? 0), solved: Number(r.solved ?? 0), breached: Number(r.breached ?? 0) }));
}

/** The histogram rows of some days: a few thousand rows for a year of days at 1M tickets. */
export function listDayHistograms(db: Db, tenantId: string, scope: ReportScope, days: DayRange) {
  return db.selectFrom('report_days').select(['assignee_id', 'fr_n', 'fr_s', 'res_n', 'res_s'])
    .where('tenant_id', '=', tenantId).where('day', '>=', days.from).where('day', '<=', days.to)
    .where(rollupScope(scope)).execute();
}

/** The histogram rows of whole months ("YYYY-MM", inclusive). */
export function listMonthHistograms(db: Db, tenantId: string, scope: ReportScope, months: DayRange) {
  return db.selectFrom('report_months').select(['assignee_id', 'fr_n', 'fr_s', 'res_n', 'res_s'])
    .where('tenant_id', '=', tenantId).where('month', '>=', months.from).where('month', '<=', months.to)
    .where(rollupScope(scope)).execute();
}

/** Tickets created and solved per local day. */
export async function countRollupPerDay(db: Db, tenantId: string, scope: ReportScope, days: DayRange) {
  const rows = await db.selectFrom('report_days')
    .select(['day', sql<number>`SUM(created)`.as('created'), sql<number>`SUM(solved)`.as('solved')])
    .where('tenant_id', '=', tenantId).where('day', '>=', days.from).where('day', '<=', days.to)
    .where(rollupScope(scope)).groupBy('day').execute();
  return rows.map((r) => ({ day: r.day, created: Number(r.created), solved: Number(r.solved) }));
}

/** Tickets created in the days, per department or per assignee ('' for none). */
export async function countRollupCreatedBy(db: Db, tenantId: string, scope: ReportScope, days: DayRange, by: 'department_id' | 'assignee_id') {
  const rows = await db.selectFrom('report_days')
    .select([`${by} as key`, sql<number>`SUM(created)`.as('n')])
    .where('tenant_id', '=', tenantId).where('day', '>=', days.from).where('day', '<=', days.to)
    .where(rollupScope(scope)).groupBy(by).execute();
  return rows.map((r) => ({ key: String(r.key), n: Number(r.n) }));
}

/** Tickets created in the days, per value of a status, priority, channel or category ('' for none). */
export async function countRollupCreatedByDim(db: Db, tenantId: string, scope: ReportScope, days: DayRange, dim: string) {
  const rows = await db.selectFrom('report_day_dims')
    .select(['value', sql<number>`SUM(count)`.as('n')])
    .where('tenant_id', '=', tenantId).where('dim', '=', dim).where('day', '>=', days.from).where('day', '<=', days.to)
    .where(rollupScope(scope)).groupBy('value').execute();
  return rows.map((r) => ({ value: r.value, n: Number(r.n) }));
}
