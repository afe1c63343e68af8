/** The triggers API's shapes (docs/automation.md); options, conditions and action configs are checked by the domain (422 naming the field). */
import { z } from 'zod';
import { TRIGGER_TYPES } from '../../domain/automation/trigger-types.ts';
import { listQuery } from './common.schema.ts';

const json = z.record(z.string(), z.unknown());
const action = z.object({ type: z.string().min(1).max(64), config: json.default({}) }).meta({ id: 'TriggerActionInput' });
const type = z.enum(TRIGGER_TYPES);
const name = z.string().trim().min(1).max(200);

export const triggerSchema = z.object({
  id: z.string(), name: z.string(), type: z.string(), options: json, conditions: json,
  actions: z.array(z.object({ type: z.string(), config: json })), active: z.boolean(),
  position: z.number().describe('triggers run in this order (then by creation)'), created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'Trigger' });

export const createTriggerBody = z.object({
  name, type,
  options: json.optional().describe("the type's options: TICKET_FIELD_CHANGE {field, old?, new?}; NEW_TICKET_CREATED {origin}; CLOSE_TICKET {from_status?}; CLOSE_TICKET_REMINDER {status?}; SLA_* {target?}"),
  conditions: json.optional().describe('department_ids, priorities, tags, channels, organisation_ids'),
  actions: z.array(action).max(20),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
}).meta({ id: 'CreateTrigger' });

export const updateTriggerBody = createTriggerBody.partial().meta({ id: 'UpdateTrigger' });

export const triggerRunSchema = z.object({
  id: z.string(), trigger_id: z.string(), ticket_id: z.string().nullable(), event_id: z.number(), event: z.string(),
  status: z.enum(['running', 'ok', 'failed', 'partial', 'skipped']),
  results: z.array(z.object({ type: z.string(), ok: z.boolean(), detail: z.string().nullable(), error: z.string().nullable() })),
  error: z.string().nullable(), chain_depth: z.number().describe('how many triggers led to the event'), started_at: z.string(), duration_ms: z.number().nullable(),
}).meta({ id: 'TriggerRun' });

export const actionTypeSchema = z.object({
  type: z.string(), label: z.string(), config_schema: json.describe('JSON Schema of the config'),
}).meta({ id: 'TriggerActionType' });

export const triggerRunsQuery = z.object({ ...listQuery });
