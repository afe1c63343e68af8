import type { Ctx } from '../shared/context.ts';
import type { AssignmentMode } from './assignment-modes.ts';
import { countOpenTicketsOf, listEligibleAssignees, saveLastAssignee, setTicketAssignee, takeAssignmentTurn } from './assignment.repo.ts';

/** Who automatic assignment chose, by which mode: for the ticket row and the thread line. */
export interface AutomaticAssignee { userId: string; name: string; mode: Exclude<AssignmentMode, 'manual'> }

/**
 * Chooses the assignee of a new or transferred ticket by the department's mode, inside the
 * caller's transaction (docs/assignment.md). Round-robin: the first eligible person after
 * the last one chosen, in id order. Least-loaded: the fewest open tickets, ties broken by
 * round-robin. Null when the department assigns by hand or nobody is eligible: the ticket
 * stays unassigned. The department row stays locked until the transaction commits, so
 * concurrent choices (several instances) serialise on it. For an existing ticket (a
 * transfer) the choice is written to its row at once, not with the rest of its change: a
 * bulk transfer writes its rows per batch, and the next choice must count this one.
 */
export async function chooseAssignee(tx: Ctx, departmentId: number, opts: { mode?: string; ticketId?: string } = {}): Promise<AutomaticAssignee | null> {
  // The caller's unlocked read of the department spares a write for the manual ones.
  if (opts.mode === 'manual') return null;
  const turn = await takeAssignmentTurn(tx.db, tx.tenantId, departmentId);
  if (!turn || (turn.assignment_mode !== 'round_robin' && turn.assignment_mode !== 'least_loaded')) return null;
  // Sorted here by code points: a database collation may order text differently.
  const eligible = (await listEligibleAssignees(tx.db, tx.tenantId, departmentId)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (eligible.length === 0) return null;
  let pool = eligible;
  if (turn.assignment_mode === 'least_loaded') {
    const load = await countOpenTicketsOf(tx.db, tx.tenantId, eligible.map((e) => e.id));
    const fewest = Math.min(...eligible.map((e) => load.get(e.id) ?? 0));
    pool = eligible.filter((e) => (load.get(e.id) ?? 0) === fewest);
  }
  const chosen = nextAfter(pool, turn.last_assignee_id);
  await saveLastAssignee(tx.db, tx.tenantId, departmentId, chosen.id);
  if (opts.ticketId) await setTicketAssignee(tx.db, tx.tenantId, opts.ticketId, chosen.id);
  return { userId: chosen.id, name: chosen.name, mode: turn.assignment_mode };
}

/** The first of `pool` (in id order, not empty) whose id comes after `last`, wrapping round. */
export function nextAfter<T extends { id: string }>(pool: readonly T[], last: string | null): T {
  return (last === null ? undefined : pool.find((p) => p.id > last)) ?? pool[0]!;
}

/** The thread line of an automatic assignment. */
export const automaticAssignmentLine = (a: AutomaticAssignee): string =>
  `Assigned to ${a.name} automatically (${a.mode === 'round_robin' ? 'round-robin' : 'least loaded'}).`;
