/**
 * The tickets a report covers: those the actor may see (the ticket policy), narrowed to a
 * department and an assignee when asked. Every report query starts from this condition.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Dialect } from '../../db/dialect.ts';
import type { Actor } from '../shared/context.ts';
import { visibleTickets } from '../tickets/ticket.policy.ts';

export interface ReportFilters { departmentId?: number; agentId?: string }

export interface ReportScope {
  actor: Actor; filters: ReportFilters; dialect: Dialect;
  customersSeeOrganisation: boolean;
}

/** The condition on `tickets` for the scope (visibility, department, assignee). */
export function inScope(s: ReportScope, withFilters = true) {
  return (eb: ExpressionBuilder<Database, 'tickets'>): Expression<SqlBool> => {
    const parts: Array<Expression<SqlBool>> = [visibleTickets(s.actor, { customersSeeOrganisation: s.customersSeeOrganisation })(eb)];
    if (withFilters && s.filters.departmentId !== undefined) parts.push(eb('tickets.department_id', '=', s.filters.departmentId));
    if (withFilters && s.filters.agentId !== undefined) parts.push(eb('tickets.assignee_id', '=', s.filters.agentId));
    return eb.and(parts);
  };
}

/** Minutes from one timestamp column to another, on either engine. */
export function minutesBetween(dialect: Dialect, from: string, to: string) {
  return dialect === 'postgres'
    ? sql<number>`extract(epoch from (${sql.ref(to)} - ${sql.ref(from)})) / 60.0`
    : sql<number>`(julianday(${sql.ref(to)}) - julianday(${sql.ref(from)})) * 1440.0`;
}

/** The local day ("YYYY-MM-DD") of a timestamp column, for a stretch with a fixed UTC offset. */
export function localDay(dialect: Dialect, column: string, offsetMinutes: number) {
  const m = Math.trunc(offsetMinutes);
  return dialect === 'postgres'
    ? sql<string>`to_char((${sql.ref(column)} AT TIME ZONE 'UTC') + ${sql.lit(m)} * interval '1 minute', 'YYYY-MM-DD')`
    : sql<string>`date(${sql.ref(column)}, ${sql.lit(`${m >= 0 ? '+' : ''}${m} minutes`)})`;
}
