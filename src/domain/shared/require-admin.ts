import { isPerson, isSystem, type Acting } from './context.ts';
import { ForbiddenError } from './errors.ts';

/**
 * The rule most policies share: admins only. `systemMay` says whether Parley itself (mail,
 * jobs, CLI, setup) may do it too; nobody signed in never may.
 */
export function requireAdmin(actor: Acting, message: string, systemMay: boolean): void {
  if (isSystem(actor) ? !systemMay : !isPerson(actor) || actor.role !== 'admin') throw new ForbiddenError(message);
}
