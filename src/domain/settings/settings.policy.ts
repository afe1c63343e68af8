/** Who may read and change the tenant's settings: admins; the system actor may change them. */
import type { Acting } from '../shared/context.ts';
import { requireAdmin } from '../shared/require-admin.ts';

export type SettingsAction = 'read' | 'update';

/** Throws ForbiddenError unless the actor may do this to the settings. */
export function authorizeSettings(actor: Acting, action: SettingsAction): void {
  if (action === 'read') requireAdmin(actor, 'Only admins can read settings.', false);
  else requireAdmin(actor, 'Only admins can change settings.', true);
}
