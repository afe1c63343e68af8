/** The printed results: one row per scenario, checked against DESIGN.md's targets. */
import type { Stats } from './load-runner.ts';
import type { TargetKind } from './scenarios.ts';

export interface ResultRow { name: string; target: TargetKind; stats: Stats; errors: number; notes: string[] }

const TARGETS: Record<TargetKind, { text: string; pass: (s: Stats) => boolean }> = {
  list: { text: 'p50≤10 p99≤50', pass: (s) => s.p50 <= 10 && s.p99 <= 50 },
  search: { text: 'p50≤50 p99≤300', pass: (s) => s.p50 <= 50 && s.p99 <= 300 },
  create: { text: '≥1000/s p99≤50', pass: (s) => s.rps >= 1000 && s.p99 <= 50 },
};

const COLUMNS: Array<[string, number, 'l' | 'r']> = [
  ['scenario', 30, 'l'], ['requests', 9, 'r'], ['req/s', 8, 'r'], ['p50 ms', 8, 'r'], ['p90 ms', 8, 'r'],
  ['p99 ms', 8, 'r'], ['max ms', 8, 'r'], ['errors', 7, 'r'], ['target', 16, 'l'], ['result', 6, 'l'],
];

const cell = (v: string, [, w, a]: [string, number, 'l' | 'r']) => (a === 'l' ? v.padEnd(w) : v.padStart(w));
const ms = (v: number) => (Number.isNaN(v) ? '-' : v < 100 ? v.toFixed(1) : v.toFixed(0));

export function resultsTable(rows: ResultRow[]): string {
  const lines = [COLUMNS.map((c) => cell(c[0], c)).join('  ')];
  lines.push(COLUMNS.map(([, w]) => '-'.repeat(w)).join('  '));
  for (const r of rows) {
    const t = TARGETS[r.target];
    const ok = r.errors === 0 && r.stats.count > 0 && t.pass(r.stats);
    const values = [r.name, r.stats.count.toLocaleString('en-US'), r.stats.rps.toFixed(1), ms(r.stats.p50), ms(r.stats.p90),
      ms(r.stats.p99), ms(r.stats.max), String(r.errors), t.text, ok ? 'PASS' : 'FAIL'];
    lines.push(values.map((v, i) => cell(v, COLUMNS[i])).join('  '));
  }
  lines.push('');
  for (const r of rows) for (const n of r.notes) lines.push(`  ${r.name}: ${n}`);
  return lines.join('\n');
}
