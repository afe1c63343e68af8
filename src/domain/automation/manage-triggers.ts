/**
 * The commands on a tenant's triggers (docs/automation.md): create, change, delete (with
 * their log), read, and the run log. Each save is checked whole (check-trigger.ts) and
 * audited as `trigger.saved`; a delete as `trigger.deleted`.
 */
import { recordEvent } from '../events/record-event.ts';
import { newId, nowIso } from '../shared/clock.ts';
import { actorId, type Ctx } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { checkTrigger, type ConfiguredAction } from './check-trigger.ts';
import { authorizeTrigger } from './trigger.policy.ts';
import type { TriggerType } from './trigger-types.ts';
import {
  deleteTriggerRow, findTrigger, insertTrigger, listTriggerRuns, listTriggers, nextTriggerPosition, updateTriggerRow,
  type TriggerRow, type TriggerRunRow,
} from './triggers.repo.ts';

export interface TriggerInput {
  name: string;
  type: TriggerType;
  options?: Record<string, unknown>;
  conditions?: Record<string, unknown>;
  actions: ConfiguredAction[];
  active?: boolean;
  position?: number;
}

async function loadTrigger(ctx: Ctx, id: string): Promise<TriggerRow> {
  const row = await findTrigger(ctx.db, ctx.tenantId, id);
  if (!row) throw new NotFoundError('trigger');
  return row;
}

async function audit(tx: Ctx, row: TriggerRow, created: boolean): Promise<void> {
  const actions = (JSON.parse(row.actions) as ConfiguredAction[]).map((a) => a.type);
  await recordEvent(tx, { name: 'trigger.saved', subjectType: 'trigger', subjectId: row.id, payload: { name: row.name, type: row.type, active: Boolean(row.is_active), actions, created } });
}

export async function createTrigger(ctx: Ctx, input: TriggerInput): Promise<TriggerRow> {
  authorizeTrigger(ctx.actor, 'create');
  const checked = checkTrigger(input.type, input.options, input.conditions, input.actions);
  return inTransaction(ctx, async (tx) => {
    const now = nowIso();
    const row = {
      tenant_id: tx.tenantId, id: newId(), name: input.name, type: input.type,
      options: JSON.stringify(checked.options), conditions: JSON.stringify(checked.conditions), actions: JSON.stringify(checked.actions),
      is_active: input.active ?? true, position: input.position ?? await nextTriggerPosition(tx.db, tx.tenantId),
      created_by: actorId(tx.actor), created_at: now, updated_at: now,
    } satisfies TriggerRow;
    await insertTrigger(tx.db, row);
    await audit(tx, row, true);
    return row;
  });
}

/** Changes the fields given; the result is checked whole (a new type needs options that fit it). */
export async function updateTrigger(ctx: Ctx, id: string, changes: Partial<TriggerInput>): Promise<TriggerRow> {
  authorizeTrigger(ctx.actor, 'update');
  return inTransaction(ctx, async (tx) => {
    const before = await loadTrigger(tx, id);
    const type = (changes.type ?? before.type) as TriggerType;
    const checked = checkTrigger(
      type, changes.options ?? JSON.parse(before.options), changes.conditions ?? JSON.parse(before.conditions), changes.actions ?? JSON.parse(before.actions),
    );
    const set = {
      name: changes.name ?? before.name, type,
      options: JSON.stringify(checked.options), conditions: JSON.stringify(checked.conditions), actions: JSON.stringify(checked.actions),
      is_active: changes.active ?? Boolean(before.is_active), position: changes.position ?? before.position, updated_at: nowIso(),
    };
    await updateTriggerRow(tx.db, tx.tenantId, id, set);
    const row = { ...before, ...set };
    await audit(tx, row, false);
    return row;
  });
}

export async function deleteTrigger(ctx: Ctx, id: string): Promise<void> {
  authorizeTrigger(ctx.actor, 'delete');
  await inTransaction(ctx, async (tx) => {
    const row = await loadTrigger(tx, id);
    await deleteTriggerRow(tx.db, tx.tenantId, id);
    await recordEvent(tx, { name: 'trigger.deleted', subjectType: 'trigger', subjectId: id, payload: { name: row.name, type: row.type } });
  });
}

/** The tenant's triggers in the order they run (admins). */
export async function readTriggers(ctx: Ctx): Promise<TriggerRow[]> {
  authorizeTrigger(ctx.actor, 'read');
  return listTriggers(ctx.db, ctx.tenantId);
}

export async function readTrigger(ctx: Ctx, id: string): Promise<TriggerRow> {
  authorizeTrigger(ctx.actor, 'read');
  return loadTrigger(ctx, id);
}

/** A trigger's run log, newest first (admins). */
export async function readTriggerRuns(ctx: Ctx, id: string, f: { beforeId?: string; limit: number }): Promise<TriggerRunRow[]> {
  authorizeTrigger(ctx.actor, 'read');
  await loadTrigger(ctx, id);
  return listTriggerRuns(ctx.db, ctx.tenantId, id, f);
}
