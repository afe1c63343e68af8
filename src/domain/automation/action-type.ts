/**
 * THE interface of an action (seed 002's `ActionType`): what a trigger does when it fires.
 * Built-in actions (actions/) and plugins (PARLEY_ACTION_PLUGINS, docs/automation.md)
 * implement it alike and are kept in the registry (action-registry.ts); the engine runs
 * them by their `type` and never names one.
 */
import type { z } from 'zod';
import type { Ctx } from '../shared/context.ts';
import type { TicketOps } from './ticket-ops.ts';

/** The ticket an action acts on, as it was when its trigger fired. */
export interface AutomationTicket {
  id: string;
  number: string;
  subject: string;
  status: string;
  priority: string;
  department_id: number;
  assignee_id: string | null;
  category: string | null;
  channel: string;
  tags: string[];
  requester: { id: string; name: string; email: string; organisation_id: string | null };
}

/** What an action is given to act with. */
export interface ActionContext {
  ticket: AutomationTicket;
  trigger: { id: string; name: string };
  /** The event the trigger answers, with its catalog payload (src/domain/events/catalog.ts). */
  event: { id: number; name: string; payload: Record<string, unknown> };
  /** Unique to this action of this run: a key for side effects that must happen once (a mail's dedupe key). */
  key: string;
  /** What an action may do to the ticket and the world, as Parley's automation (systemActor('automation')). */
  ops: TicketOps;
  /** The context ops act in, for built-ins that need more (it carries the trigger chain: see run-triggers.ts). */
  ctx: Ctx;
}

export interface ActionType<S extends z.ZodType = z.ZodType> {
  /** Stable name stored in triggers (`add_tag`, `acme.create_jira_issue`): lowercase, digits, `_` and `.`. */
  type: string;
  /** A short English label for the admin screen. */
  label: string;
  /** Its configuration, checked when a trigger is saved (422 naming the field) and again before each run. */
  config: S;
  /**
   * True when the action only writes to Parley's database, through `ops` and `ctx`, and
   * calls nothing outside (no HTTP, no file): it then runs inside its run's transaction,
   * with the run's claim and outcome, and a throw undoes its own writes only. Leave it
   * out (false) for anything that talks to the world: the run then commits step by step.
   */
  inTransaction?: boolean;
  /** Does the action; answers an optional line for the run log. Throws to fail (the trigger's other actions still run). */
  run(context: ActionContext, config: z.infer<S>): Promise<string | void>;
}

/** An action type with its configuration's type inferred (for built-ins and plugins). */
export function defineActionType<S extends z.ZodType>(def: ActionType<S>): ActionType<S> {
  return def;
}
