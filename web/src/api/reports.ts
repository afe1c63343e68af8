/**
 * The reports API (GET /tickets/api/reports/…, docs/reports.md): the dashboard's figures,
 * each also downloadable as CSV (`?format=csv`, a plain link: the session cookie goes with it).
 * Every report takes the same scope: a period of whole days and, optionally, a department
 * and an agent.
 */
import type { z } from 'zod';
import type {
  agentsReportSchema, countersSchema, createdVsSolvedSchema, distributionSchema, summarySchema,
} from '../../../src/http/schemas/reports.schema.ts';
import { api, API, queryString } from './client.ts';

/** What narrows every report: `from`/`to` as YYYY-MM-DD (both included), a department id, an agent's user id. */
export interface ReportScope { from: string; to: string; department?: string; agent?: string }

// The shapes, from the server's own schemas (type-only: nothing of the server is bundled).
export type Counters = z.output<typeof countersSchema>;
export type Summary = z.output<typeof summarySchema>;
export type CreatedVsSolved = z.output<typeof createdVsSolvedSchema>;
export type Interval = CreatedVsSolved['interval'];
export type Distribution = z.output<typeof distributionSchema>;
export type DistributionBy = Distribution['by'];
/** `key` is null for "none" (no assignee, no category, no tag). */
export type DistributionRow = Distribution['rows'][number];
export type AgentsReport = z.output<typeof agentsReportSchema>;
export type AgentRow = AgentsReport['rows'][number];

const scopeParams = (scope: ReportScope) => ({ from: scope.from, to: scope.to, department: scope.department, agent: scope.agent });

/** The path of a report (after /tickets/api) with the scope and its own parameters. */
export function reportPath(report: string, scope: ReportScope, extra: Record<string, string> = {}): string {
  return `/reports/${report}/${queryString({ ...scopeParams(scope), ...extra })}`;
}

/** The address of a report as CSV, for a download link. */
export function reportCsvUrl(report: string, scope: ReportScope, extra: Record<string, string> = {}): string {
  return `${API}${reportPath(report, scope, { ...extra, format: 'csv' })}`;
}

/**
 * The tickets of the scope as CSV (GET /tickets/api/tickets/export.csv takes the list's filters):
 * created in the period (both days included), in the department, assigned to the agent.
 */
export function ticketsCsvUrl(scope: ReportScope): string {
  return `${API}/tickets/export.csv${queryString({
    created_after: scope.from, created_before: dayAfter(scope.to), department: scope.department, assignee: scope.agent,
  })}`;
}

/** The list's `created_before` excludes its day (a bare date is its midnight UTC): the day after the period's last. */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export const fetchCounters = (scope: Omit<ReportScope, 'from' | 'to'>) =>
  api<Counters>('GET', `/reports/counters/${queryString({ department: scope.department, agent: scope.agent })}`);
export const fetchSummary = (scope: ReportScope) => api<Summary>('GET', reportPath('summary', scope));
export const fetchCreatedVsSolved = (scope: ReportScope, interval: Interval) =>
  api<CreatedVsSolved>('GET', reportPath('created-vs-solved', scope, { interval }));
export const fetchDistribution = (scope: ReportScope, by: DistributionBy) => api<Distribution>('GET', reportPath('distribution', scope, { by }));
export const fetchAgents = (scope: ReportScope) => api<AgentsReport>('GET', reportPath('agents', scope));
