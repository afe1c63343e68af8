/**
 * The dashboard's queue counts (GET /tickets/api/reports/counters/): tickets per status now,
 * unassigned and "mine" among the active ones, from the maintained counters, never a
 * COUNT(*) over tickets (DESIGN.md: ≤ 5 ms at 1M tickets).
 */
import type { Ctx } from '../shared/context.ts';
import { ACTIVE_STATUSES, STATUSES, type Status } from '../tickets/ticket-values.ts';
import { authorizeReports } from './reports.policy.ts';
import type { ReportFilters } from './report-scope.ts';
import { sumTicketCounters } from './ticket-counters.repo.ts';

export interface QueueCounts { counts: Record<Status, number>; unassigned: number; mine: number }

/** The counts the actor may see, narrowed by the report filters. */
export async function countQueue(ctx: Ctx, filters: ReportFilters): Promise<QueueCounts> {
  const actor = authorizeReports(ctx.actor, 'read');
  const rows = await sumTicketCounters(ctx.db, ctx.tenantId, {
    visible: actor.role === 'agent' && actor.restrictedToDepartments ? { departmentIds: actor.departmentIds, orAssigneeId: actor.id } : undefined,
    departmentId: filters.departmentId,
    assigneeId: filters.agentId,
  });
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  let unassigned = 0;
  let mine = 0;
  for (const r of rows) {
    if (!(r.status in counts)) continue;
    counts[r.status as Status] += r.count;
    if (!ACTIVE_STATUSES.includes(r.status as Status)) continue;
    if (r.assignee_id === '') unassigned += r.count;
    if (r.assignee_id === actor.id) mine += r.count;
  }
  return { counts, unassigned, mine };
}
