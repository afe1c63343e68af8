/**
 * Who may manage triggers: admins only (a trigger changes tickets, sends mail and calls URLs
 * as Parley). Parley itself runs them (run-triggers.ts) but never edits them.
 */
import type { Acting } from '../shared/context.ts';
import { requireAdmin } from '../shared/require-admin.ts';

export type TriggerAction = 'read' | 'create' | 'update' | 'delete';

const refusals: Record<TriggerAction, string> = {
  read: 'Only admins can see triggers.',
  create: 'Only admins can add triggers.',
  update: 'Only admins can change triggers.',
  delete: 'Only admins can delete triggers.',
};

/** Throws ForbiddenError unless the actor may do this to triggers. */
export function authorizeTrigger(actor: Acting, action: TriggerAction): void {
  requireAdmin(actor, refusals[action], false);
}
