/**
 * The action types a trigger may use, by type name: the built-ins, then the plugins loaded
 * at start-up (load-action-plugins.ts). One registry per process.
 */
import type { ActionType } from './action-type.ts';
import { builtInActions } from './actions/index.ts';

const TYPE_NAME = /^[a-z][a-z0-9_.]{1,63}$/;
const registry = new Map<string, ActionType>(builtInActions.map((a) => [a.type, a]));

/** Adds an action type; a second one of the same name (another object) is refused. */
export function registerActionType(action: ActionType): void {
  if (!TYPE_NAME.test(action.type)) throw new Error(`action type "${action.type}": the name must match ${TYPE_NAME}`);
  if (typeof action.run !== 'function' || typeof action.config?.safeParse !== 'function' || !action.label) {
    throw new Error(`action type "${action.type}": it needs a label, a Zod config schema and a run() function`);
  }
  const existing = registry.get(action.type);
  if (existing && existing !== action) throw new Error(`action type "${action.type}" is already registered`);
  registry.set(action.type, action);
}

/** Removes a plugin's action type (tests). Built-ins stay. */
export function unregisterActionType(type: string): void {
  if (!builtInActions.some((a) => a.type === type)) registry.delete(type);
}

export const findActionType = (type: string): ActionType | undefined => registry.get(type);

/** Every registered type, built-ins first. */
export const listActionTypes = (): ActionType[] => [...registry.values()];
