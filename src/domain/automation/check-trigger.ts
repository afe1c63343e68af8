/**
 * Checks a trigger before it is saved: its options against its type's schema, its
 * conditions, and each action's config against its action type's schema. A problem is a
 * 422 that names the field (`actions.1.config.address`).
 */
import type { z } from 'zod';
import { ValidationError, type FieldError } from '../shared/errors.ts';
import { findActionType } from './action-registry.ts';
import { triggerConditions, type TriggerConditions } from './trigger-conditions.ts';
import { triggerOptions, type TriggerType } from './trigger-types.ts';

export interface ConfiguredAction { type: string; config: Record<string, unknown> }
export interface CheckedTrigger { options: Record<string, unknown>; conditions: TriggerConditions; actions: ConfiguredAction[] }

const issues = (prefix: string, error: z.ZodError): FieldError[] =>
  error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].join('.'), message: i.message }));

/** The trigger's options, conditions and actions as they will be stored (defaults applied), or a ValidationError listing every problem. */
export function checkTrigger(type: TriggerType, options: unknown, conditions: unknown, actions: ConfiguredAction[]): CheckedTrigger {
  const errors: FieldError[] = [];
  const o = triggerOptions[type].safeParse(options ?? {});
  if (!o.success) errors.push(...issues('options', o.error));
  const c = triggerConditions.safeParse(conditions ?? {});
  if (!c.success) errors.push(...issues('conditions', c.error));
  const checked: ConfiguredAction[] = [];
  actions.forEach((a, i) => {
    const actionType = findActionType(a.type);
    if (!actionType) {
      errors.push({ field: `actions.${i}.type`, message: `unknown action type "${a.type}"` });
      return;
    }
    const config = actionType.config.safeParse(a.config ?? {});
    if (!config.success) errors.push(...issues(`actions.${i}.config`, config.error));
    else checked.push({ type: a.type, config: config.data as Record<string, unknown> });
  });
  if (errors.length) throw new ValidationError(errors);
  return { options: o.data as Record<string, unknown>, conditions: c.data!, actions: checked };
}
