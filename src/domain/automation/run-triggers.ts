/**
 * The engine (docs/automation.md): after an event commits, the tenant's active triggers of
 * the event's type are evaluated in order; each one whose options and conditions match runs
 * its actions in order as Parley's automation, each on its own (a failing action is logged,
 * the next one runs). Every run is written to trigger_runs before its actions run, once per
 * trigger and event, so a retried job never runs a trigger twice for one event; the results
 * so far are written after each action but the last.
 *
 * Interrupted runs: a run still `running` when its job is retried was cut short (the worker
 * crashed or lost its lease mid-run). The retry ends it as `failed` with INTERRUPTED and does
 * not run it again: which actions finished is in its results, but the one after them may have
 * had its effect (a mail queued, a webhook called) without its result being written, and most
 * actions cannot tell a second run from a first, so finishing the rest could repeat one.
 * Only runs started before the retry's attempt was claimed are ended that way: a run started
 * later belongs to a worker still running (an earlier attempt outliving its lease), which
 * finishes it itself; one ended too early is overwritten by its own worker's outcome.
 *
 * Loops: the actions act with the chain of triggers that led to them (Ctx.triggerChain),
 * which record-event.ts stores on their events. A trigger already in an event's chain does
 * not fire again for it, and an event at the end of a chain MAX_CHAIN_DEPTH long fires none.
 */
import type { Db } from '../../db/client.ts';
import { isTransientDatabaseError } from '../../db/transient-errors.ts';
import { findEvent } from '../events/events.repo.ts';
import { isEventName } from '../events/catalog.ts';
import { newId, nowIso } from '../shared/clock.ts';
import { systemCtx, type Ctx } from '../shared/context.ts';
import { inTransaction, withSavepoint } from '../shared/transaction.ts';
import { findUserById } from '../users/users.repo.ts';
import { findActionType } from './action-registry.ts';
import type { ActionContext } from './action-type.ts';
import type { ConfiguredAction } from './check-trigger.ts';
import { loadAutomationTicket } from './load-automation-ticket.ts';
import { conditionsMatch, type TriggerConditions } from './trigger-conditions.ts';
import { optionsMatch, triggerTypeOf, type EventFacts } from './trigger-types.ts';
import { claimTriggerRun, failInterruptedTriggerRuns, finishTriggerRun, listActiveTriggers, saveTriggerRunResults, type TriggerRow } from './triggers.repo.ts';
import { ticketOps, type OpsDeps } from './ticket-ops.ts';

/** How many triggers may follow one another through their actions' changes. */
export const MAX_CHAIN_DEPTH = 3;

export interface ActionResult { type: string; ok: boolean; detail: string | null; error: string | null }
export interface RunOutcome { triggerId: string; status: 'ok' | 'failed' | 'partial' | 'skipped'; results: ActionResult[]; error: string | null }

/** The error of a run its worker never finished (see the header). */
export const INTERRUPTED = 'interrupted: the worker stopped during this run (crash or lost lease); its actions are not run again, so none is repeated. '
  + 'The results list the actions that finished; the one after them may or may not have taken effect';

export interface EngineJob {
  eventId: number;
  event: string;
  /** On a retried job (attempt 2 or later): when this attempt was claimed; runs of the event still `running` that started before are interrupted. */
  interruptedBefore?: string;
}

/**
 * Runs the triggers an event fires; answers what ran (nothing for a run already done). The
 * event's name (from its job) comes first: most events of most tenants fire no trigger,
 * and then one indexed query is all the work.
 */
export async function runTriggers(deps: OpsDeps, tenantId: string, job: EngineJob): Promise<RunOutcome[]> {
  const type = isEventName(job.event) ? triggerTypeOf(job.event) : null;
  if (!type) return [];
  const eventId = job.eventId;
  // Before anything else: on the retry, the trigger may since be inactive or its conditions no longer hold.
  const outcomes: RunOutcome[] = job.interruptedBefore
    ? (await failInterruptedTriggerRuns(deps.db, tenantId, eventId, job.interruptedBefore, INTERRUPTED))
      .map((r) => ({ triggerId: r.trigger_id, status: 'failed', results: JSON.parse(r.results) as ActionResult[], error: INTERRUPTED }))
    : [];
  const triggers = await listActiveTriggers(deps.db, tenantId, type);
  if (triggers.length === 0) return outcomes;
  const event = await findEvent(deps.db, tenantId, eventId);
  if (!event || event.subject_type !== 'ticket' || event.name !== job.event || !isEventName(event.name)) return outcomes;
  const chain = event.trigger_chain ? (JSON.parse(event.trigger_chain) as string[]) : [];
  const facts: EventFacts = { name: event.name, payload: JSON.parse(event.payload) as Record<string, unknown>, openedByStaff: false };
  if (type === 'NEW_TICKET_CREATED' && event.actor_id) {
    const role = (await findUserById(deps.db, tenantId, event.actor_id))?.role;
    facts.openedByStaff = role === 'admin' || role === 'agent';
  }
  for (const trigger of triggers) {
    if (!optionsMatch(type, JSON.parse(trigger.options), facts)) continue;
    // Read again for each trigger: an earlier one's actions may have changed the ticket.
    const ticket = await loadAutomationTicket(deps.db, tenantId, event.subject_id);
    if (!ticket) break;
    if (!conditionsMatch(JSON.parse(trigger.conditions) as TriggerConditions, ticket)) continue;
    const skip = chain.includes(trigger.id) ? 'not run: its own actions caused this event (loop)'
      : chain.length >= MAX_CHAIN_DEPTH ? `not run: ${MAX_CHAIN_DEPTH} triggers already led to this event (the chain stops there)` : null;
    const scope = { chain, ticket, event: { id: eventId, name: event.name, payload: facts.payload } };
    const outcome = allInTransaction(trigger)
      ? await runAtomically(deps, trigger, scope, skip)
      : await runStepByStep(deps, trigger, scope, skip);
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

interface RunScope { chain: string[]; ticket: ActionContext['ticket']; event: ActionContext['event'] }

/** Whether every action of the trigger writes only to the database (ActionType.inTransaction). */
function allInTransaction(trigger: TriggerRow): boolean {
  return (JSON.parse(trigger.actions) as ConfiguredAction[]).every((a) => findActionType(a.type)?.inTransaction === true);
}

function runRow(trigger: TriggerRow, s: RunScope, runId: string, skip: string | null) {
  return {
    tenant_id: trigger.tenant_id, id: runId, trigger_id: trigger.id, ticket_id: s.ticket.id, event_id: s.event.id, event_name: s.event.name,
    status: skip ? 'skipped' as const : 'running' as const, results: '[]', error: skip, chain_depth: s.chain.length, started_at: nowIso(), duration_ms: skip ? 0 : null,
  };
}

function outcomeOf(triggerId: string, results: ActionResult[]): RunOutcome {
  const okCount = results.filter((r) => r.ok).length;
  const status = okCount === results.length ? 'ok' : okCount === 0 ? 'failed' : 'partial';
  const error = results.filter((r) => r.error).map((r) => `${r.type}: ${r.error}`).join('; ') || null;
  return { triggerId, status, results, error };
}

/**
 * A run whose actions only write to the database: the claim, every action (each in a
 * savepoint, so a failing one undoes only its own writes) and the outcome commit together.
 * One transaction instead of one per step, and a crash leaves no run behind, so the retried
 * job runs it afresh.
 */
async function runAtomically(deps: OpsDeps, trigger: TriggerRow, s: RunScope, skip: string | null): Promise<RunOutcome | null> {
  const ctx = { ...systemCtx(deps, trigger.tenant_id, 'automation'), triggerChain: [...s.chain, trigger.id] };
  return inTransaction(ctx, (tx) => runLogged(tx.db, trigger, s, skip, async (runId) => {
    const results: ActionResult[] = [];
    for (const [i, action] of (JSON.parse(trigger.actions) as ConfiguredAction[]).entries()) {
      // An action's own failure is its result; the database's (a full disk, a lost transaction) fails the run, retried as a whole.
      results.push(await withSavepoint(tx, (sp) => runAction(deps, sp, trigger, s, action, `${runId}:${i}`)).catch((err: unknown) => {
        if (isTransientDatabaseError(err)) throw err;
        return failed(action, err);
      }));
    }
    return results;
  }));
}

/** A run with an action that talks to the world: claimed, each action committed on its own, then the outcome (see INTERRUPTED). */
async function runStepByStep(deps: OpsDeps, trigger: TriggerRow, s: RunScope, skip: string | null): Promise<RunOutcome | null> {
  return runLogged(deps.db, trigger, s, skip, (runId) => runActions(deps, trigger, { ...s, runId }));
}

/** Claims the run in the log (null: it was run already), runs its actions unless skipped, and writes the outcome. */
async function runLogged(db: Db, trigger: TriggerRow, s: RunScope, skip: string | null, act: (runId: string) => Promise<ActionResult[]>): Promise<RunOutcome | null> {
  const runId = newId();
  const started = performance.now();
  if (!(await claimTriggerRun(db, runRow(trigger, s, runId, skip)))) return null;
  if (skip) return { triggerId: trigger.id, status: 'skipped', results: [], error: skip };
  const results = await act(runId);
  const outcome = outcomeOf(trigger.id, results);
  await finishTriggerRun(db, trigger.tenant_id, runId, { status: outcome.status, results: JSON.stringify(results), error: outcome.error, duration_ms: Math.round(performance.now() - started) });
  return outcome;
}

/** One action, as Parley's automation in `ctx`; throws to fail. */
async function runAction(deps: OpsDeps, ctx: Ctx, trigger: TriggerRow, s: RunScope, action: ConfiguredAction, key: string): Promise<ActionResult> {
  const actionType = findActionType(action.type);
  if (!actionType) throw new Error(`the action type "${action.type}" is not installed`);
  const config = actionType.config.parse(action.config);
  const context: ActionContext = { ticket: s.ticket, trigger: { id: trigger.id, name: trigger.name }, event: s.event, key, ops: ticketOps(ctx, deps, s.ticket), ctx };
  const detail = await actionType.run(context, config);
  return { type: action.type, ok: true, detail: detail ?? null, error: null };
}

const failed = (action: ConfiguredAction, err: unknown): ActionResult =>
  ({ type: action.type, ok: false, detail: null, error: (err instanceof Error ? err.message : String(err)).slice(0, 1000) });

/**
 * The trigger's actions in order, each committed on its own: an error is its result, never
 * the others'. The results so far are written after each action but the last (whose result
 * the run's end writes), so a run cut short shows which actions finished.
 */
async function runActions(deps: OpsDeps, trigger: TriggerRow, s: RunScope & { runId: string }): Promise<ActionResult[]> {
  const ctx = { ...systemCtx(deps, trigger.tenant_id, 'automation'), triggerChain: [...s.chain, trigger.id] };
  const results: ActionResult[] = [];
  const actions = JSON.parse(trigger.actions) as ConfiguredAction[];
  for (const [i, action] of actions.entries()) {
    if (i > 0) await saveTriggerRunResults(deps.db, trigger.tenant_id, s.runId, JSON.stringify(results));
    results.push(await runAction(deps, ctx, trigger, s, action, `${s.runId}:${i}`).catch((err: unknown) => failed(action, err)));
  }
  return results;
}
