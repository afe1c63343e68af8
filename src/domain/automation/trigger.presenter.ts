import { z } from 'zod';
import type { ActionType } from './action-type.ts';
import type { TriggerRow, TriggerRunRow } from './triggers.repo.ts';

export function presentTrigger(t: TriggerRow) {
  return {
    id: t.id, name: t.name, type: t.type,
    options: JSON.parse(t.options) as Record<string, unknown>,
    conditions: JSON.parse(t.conditions) as Record<string, unknown>,
    actions: JSON.parse(t.actions) as Array<{ type: string; config: Record<string, unknown> }>,
    active: Boolean(t.is_active), position: t.position, created_at: t.created_at, updated_at: t.updated_at,
  };
}

export function presentTriggerRun(r: TriggerRunRow) {
  return {
    id: r.id, trigger_id: r.trigger_id, ticket_id: r.ticket_id, event_id: Number(r.event_id), event: r.event_name, status: r.status,
    results: JSON.parse(r.results) as Array<{ type: string; ok: boolean; detail: string | null; error: string | null }>,
    error: r.error, chain_depth: r.chain_depth, started_at: r.started_at, duration_ms: r.duration_ms,
  };
}

/** An action type for the admin screen: its form is drawn from the JSON Schema of its config. */
export function presentActionType(a: ActionType) {
  let schema: Record<string, unknown>;
  try {
    schema = z.toJSONSchema(a.config, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  } catch {
    // A plugin's schema Zod cannot express as JSON Schema (a transform, say): the screen then offers no form for it.
    schema = {};
  }
  return { type: a.type, label: a.label, config_schema: schema };
}
