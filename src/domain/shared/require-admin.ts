import type { Actor } from './context.ts';
import { ForbiddenError } from './errors.ts';

/**
 * The rule most policies share: admins only. `systemPasses` says whether the null actor
 * (mail, jobs, CLI acting without a person) is let through, as the commands do today.
 */
export function requireAdmin(actor: Actor | null, message: string, systemPasses: boolean): void {
  if (!actor ? !systemPasses : actor.role !== 'admin') throw new ForbiddenError(message);
}
