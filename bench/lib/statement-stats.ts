/**
 * `--statements` for the benches on SQLite: times every statement better-sqlite3 runs in
 * this process (wrapping its Statement methods), grouped by SQL text with literals and
 * placeholders folded, and prints where the time went. What a profile of the ingest
 * pipeline needs to see: how many statements, commits and job updates a mail costs.
 */
import SqliteDatabase from 'better-sqlite3';

interface Stat { calls: number; ms: number }
const stats = new Map<string, Stat>();
let installed = false;

const shape = (sql: string) => sql.replace(/\s+/g, ' ').replace(/'(?:[^']|'')*'/g, '?').replace(/\(\?(?:, ?\?)*\)(?:, ?\(\?(?:, ?\?)*\))*/g, '(…)').replace(/\bin \((?:\?, ?)*\?\)/gi, 'in (…)').slice(0, 160);

/** Starts counting (once per process). */
export function countStatements(): void {
  if (installed) return;
  installed = true;
  const probe = new SqliteDatabase(':memory:');
  const Statement = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown> & { source: string };
  probe.close();
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = Statement[method];
    Statement[method] = function (this: { source: string }, ...args: unknown[]) {
      const start = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const key = shape(this.source);
        const s = stats.get(key) ?? { calls: 0, ms: 0 };
        s.calls++;
        s.ms += performance.now() - start;
        stats.set(key, s);
      }
    };
  }
}

/** Clears what was counted so far (the setup before the measured part). */
export function resetStatementStats(): void {
  stats.clear();
}

/** The top statements by total time, per `per` units of work (mails, tickets). */
export function statementReport(per: number, top = 25): string {
  const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((a, [, s]) => ({ calls: a.calls + s.calls, ms: a.ms + s.ms }), { calls: 0, ms: 0 });
  const lines = [`statements: ${total.calls} (${(total.calls / per).toFixed(1)} per unit), ${total.ms.toFixed(0)} ms in SQLite (${(total.ms / per).toFixed(2)} ms per unit)`];
  for (const [sql, s] of rows.slice(0, top)) lines.push(`  ${s.ms.toFixed(0).padStart(6)} ms ${String(s.calls).padStart(7)}× ${(s.calls / per).toFixed(2).padStart(6)}/unit  ${sql}`);
  return lines.join('\n');
}
