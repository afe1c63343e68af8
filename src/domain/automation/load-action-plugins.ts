/**
 * Loads the action plugins named by PARLEY_ACTION_PLUGINS (docs/automation.md): each module's
 * default export is an ActionType or an array of them (a named export `actionTypes` works
 * too). A module that cannot be loaded or exports no valid action type stops the start with
 * a message that names it.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../../config.ts';
import type { ActionType } from './action-type.ts';
import { registerActionType } from './action-registry.ts';

/** A configuration error: the CLI prints it and exits 78, like any bad setting. */
export class ActionPluginError extends ConfigError {
  constructor(problem: string) { super([problem]); }
}

export async function loadActionPlugins(paths: readonly string[]): Promise<ActionType[]> {
  const loaded: ActionType[] = [];
  for (const path of paths) {
    const file = isAbsolute(path) ? path : resolve(path);
    let mod: { default?: unknown; actionTypes?: unknown };
    try {
      mod = await import(pathToFileURL(file).href) as typeof mod;
    } catch (err) {
      throw new ActionPluginError(`PARLEY_ACTION_PLUGINS: cannot load ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const exported = mod.default ?? mod.actionTypes;
    const actions = (Array.isArray(exported) ? exported : [exported]) as ActionType[];
    if (!exported || actions.length === 0) throw new ActionPluginError(`PARLEY_ACTION_PLUGINS: ${file} exports no action type (export default one, or an array)`);
    for (const action of actions) {
      try {
        if (!action || typeof action !== 'object') throw new Error('an export is not an object');
        registerActionType(action);
      } catch (err) {
        throw new ActionPluginError(`PARLEY_ACTION_PLUGINS: ${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
      loaded.push(action);
    }
  }
  return loaded;
}
