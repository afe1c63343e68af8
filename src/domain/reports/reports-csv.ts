/**
 * CSV for reports and the ticket export (RFC 4180, CRLF lines), safe to open in a
 * spreadsheet: a cell that starts like a formula (= + - @, tab, carriage return) is
 * prefixed with an apostrophe (OWASP "CSV injection"), so it shows as text.
 */
import type { QueueCounts } from './count-queue.ts';
import type { AgentRow } from './agents-report.ts';
import type { CreatedVsSolved } from './created-vs-solved-report.ts';
import type { Distribution } from './distribution-report.ts';
import type { SummaryReport } from './summary-report.ts';

export type CsvValue = string | number | boolean | null | undefined;

/** One cell: neutralised if formula-like, quoted if it holds a separator, quote or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly CsvValue[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export const csvOf = (header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string =>
  csvLine(header) + rows.map(csvLine).join('');

export function countersCsv(c: QueueCounts): string {
  return csvOf(['status', 'count'], [...Object.entries(c.counts), ['unassigned', c.unassigned], ['mine', c.mine]]);
}

export function summaryCsv(s: SummaryReport): string {
  return csvOf(['metric', 'value'], [
    ['from', s.period.from], ['to', s.period.to], ['created', s.created], ['solved', s.solved],
    ['first_response_minutes_median', s.first_response_minutes.median], ['first_response_minutes_p90', s.first_response_minutes.p90],
    ['resolution_minutes_median', s.resolution_minutes.median], ['resolution_minutes_p90', s.resolution_minutes.p90],
    ['sla_met', s.sla.met], ['sla_breached', s.sla.breached], ['sla_compliance', s.sla.compliance],
    ['csat_ratings', s.csat.ratings], ['csat_positive', s.csat.positive], ['csat_score', s.csat.score], ['csat_average', s.csat.average],
    ...s.backlog_age.map((b) => [`backlog_${b.bucket}`, b.count]),
  ]);
}

export const createdVsSolvedCsv = (r: CreatedVsSolved): string =>
  csvOf(['date', 'created', 'solved'], r.series.map((x) => [x.date, x.created, x.solved]));

export const distributionCsv = (r: Distribution): string =>
  csvOf([r.by, 'label', 'count'], r.rows.map((x) => [x.key, x.label, x.count]));

export const agentsCsv = (r: { rows: AgentRow[] }): string =>
  csvOf(['agent_id', 'name', 'email', 'assigned', 'solved', 'first_response_median_minutes', 'resolution_median_minutes', 'csat_score'],
    r.rows.map((x) => [x.agent_id, x.name, x.email, x.assigned, x.solved, x.first_response_median_minutes, x.resolution_median_minutes, x.csat_score]));
