/**
 * Who may manage the Ferndesk endpoint: admins only (its URL hands the tenant's public
 * conversations to whoever holds it). The public feed itself is authorized by its token.
 */
import type { Acting } from '../../shared/context.ts';
import { requireAdmin } from '../../shared/require-admin.ts';

export type FerndeskAction = 'read' | 'enable' | 'update' | 'disable' | 'test';

const refusals: Record<FerndeskAction, string> = {
  read: 'Only admins can see the Ferndesk integration.',
  enable: 'Only admins can enable the Ferndesk integration or rotate its URL.',
  update: 'Only admins can change the Ferndesk integration.',
  disable: 'Only admins can disable the Ferndesk integration.',
  test: 'Only admins can test the Ferndesk endpoint.',
};

/** Throws ForbiddenError unless the actor may do this to the tenant's Ferndesk integration. */
export function authorizeFerndesk(actor: Acting, action: FerndeskAction): void {
  requireAdmin(actor, refusals[action], false);
}
