/**
 * The period figures of the summary and agents reports from the rollup (migration 030):
 * counts summed over the period's days (exact); durations as histograms merged from the
 * whole months inside the period (`report_months`) and the days at its edges (`report_days`).
 */
import type { Db } from '../../db/client.ts';
import { addHistogram, type Histogram } from './duration-histogram.ts';
import type { ReportPeriod } from './report-period.ts';
import { listDayHistograms, listMonthHistograms, sumRollupCounts, type DayRange } from './report-rollup.repo.ts';
import type { ReportScope } from './report-scope.ts';

export interface RollupFigures { created: number; solved: number; breached: number; firstResponse: Histogram; resolution: Histogram }

/** Figures in one group ('all') or per assignee (keyed by user id, '' for unassigned). */
export async function rollupFigures(db: Db, tenantId: string, scope: ReportScope, p: ReportPeriod, by: 'all' | 'assignee'): Promise<Map<string, RollupFigures>> {
  const { months, edges } = splitIntoMonths(p.from, p.to);
  const [counts, ...histograms] = await Promise.all([
    sumRollupCounts(db, tenantId, scope, { from: p.from, to: p.to }, by === 'assignee'),
    ...(months ? [listMonthHistograms(db, tenantId, scope, months)] : []),
    ...edges.map((days) => listDayHistograms(db, tenantId, scope, days)),
  ]);
  const out = new Map<string, RollupFigures>();
  const entry = (key: string) => {
    let f = out.get(key);
    if (!f) out.set(key, f = { created: 0, solved: 0, breached: 0, firstResponse: new Map(), resolution: new Map() });
    return f;
  };
  for (const c of counts) Object.assign(entry(c.g), { created: c.created, solved: c.solved, breached: c.breached });
  for (const r of histograms.flat()) {
    const f = entry(by === 'all' ? 'all' : r.assignee_id);
    addHistogram(f.firstResponse, r.fr_n, r.fr_s);
    addHistogram(f.resolution, r.res_n, r.res_s);
  }
  return out;
}

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The whole months within the days from..to (inclusive, "YYYY-MM-DD"), and the day ranges left at either edge. */
export function splitIntoMonths(from: string, to: string): { months: DayRange | null; edges: DayRange[] } {
  const first = from.endsWith('-01') ? from.slice(0, 7) : shiftMonth(from.slice(0, 7), 1);
  const last = lastDayOf(to.slice(0, 7)) === to ? to.slice(0, 7) : shiftMonth(to.slice(0, 7), -1);
  if (first > last) return { months: null, edges: [{ from, to }] };
  const edges: DayRange[] = [];
  if (from < `${first}-01`) edges.push({ from, to: dayBefore(`${first}-01`) });
  if (to > lastDayOf(last)) edges.push({ from: dayAfter(lastDayOf(last)), to });
  return { months: { from: first, to: last }, edges };
}
