/**
 * Query plans of what the list endpoint runs: listTickets() is called with a Kysely
 * plugin that captures its queries, and each query on `tickets` is explained (SQLite:
 * EXPLAIN QUERY PLAN and the median time of 5 runs; PostgreSQL: EXPLAIN ANALYZE).
 */
import { CompiledQuery, createQueryId, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { listTickets, type TicketListQuery, type TicketSort } from '../../src/domain/tickets/list-tickets.ts';
import type { Actor } from '../../src/domain/shared/context.ts';
import type { Runtime } from '../../src/runtime.ts';
import type { Scenario } from './scenarios.ts';

class Capture implements KyselyPlugin {
  nodes: RootOperationNode[] = [];
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }
  async transformResult<R>(args: { result: R }): Promise<R> {
    return args.result;
  }
}

export async function explainScenarios(rt: Runtime, actor: Actor, scenarios: Scenario[], out: (line: string) => void): Promise<void> {
  for (const s of scenarios) {
    if (s.spec.kind === 'post') continue;
    const path = s.spec.kind === 'get' ? s.spec.paths[0] : s.spec.path;
    const q = toListQuery(new URL(path, 'http://x').searchParams);
    out(`\n### ${s.name}: ${path}`);
    const first = await explainList(rt, actor, q, out);
    if (s.spec.kind === 'walk' && first) {
      out(`--- page 2 (cursor)`);
      await explainList(rt, actor, { ...q, cursor: first }, out);
    }
  }
}

/** Explains the list query of one call; returns that call's next cursor. */
async function explainList(rt: Runtime, actor: Actor, q: TicketListQuery, out: (line: string) => void): Promise<string | null> {
  const capture = new Capture();
  const ctx = rt.ctx(rt.defaultTenantId, actor, 'api');
  const page = await listTickets({ ...ctx, db: rt.db.withPlugin(capture) }, q);
  const executor = rt.db.getExecutor();
  for (const node of capture.nodes) {
    const c = executor.compileQuery(node, createQueryId());
    if (!/from "tickets"/.test(c.sql)) continue;
    out(c.sql);
    out(`params: ${JSON.stringify(c.parameters)}`);
    if (rt.dialect === 'postgres') {
      const plan = await rt.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) ${c.sql}`, [...c.parameters]));
      for (const r of plan.rows) out(`  ${r['QUERY PLAN']}`);
    } else {
      const plan = await rt.db.executeQuery<{ id: number; parent: number; detail: string }>(CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]));
      const depth = new Map<number, number>([[0, 0]]);
      for (const r of plan.rows) {
        depth.set(r.id, (depth.get(r.parent) ?? 0) + 1);
        out(`  ${'  '.repeat(depth.get(r.id)! - 1)}${r.detail}`);
      }
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await rt.db.executeQuery(CompiledQuery.raw(c.sql, [...c.parameters]));
        times.push(performance.now() - t0);
      }
      out(`  median of 5 runs: ${times.sort((a, b) => a - b)[2].toFixed(2)} ms`);
    }
  }
  return page.nextCursor;
}

function toListQuery(p: URLSearchParams): TicketListQuery {
  const csv = (k: string) => p.get(k)?.split(',').filter(Boolean);
  const dep = p.get('department');
  return {
    status: csv('status'), priority: csv('priority'), departmentIds: dep ? [Number(dep)] : undefined,
    search: p.get('search') ?? undefined, sort: (p.get('sort') ?? '-created_at') as TicketSort,
    limit: Number(p.get('limit') ?? 50), cursor: p.get('cursor') ?? undefined,
  };
}
