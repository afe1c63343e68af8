/** Who may see the health report of a tenant: its admins. The installation's own report is /readyz. */
import type { Acting } from '../shared/context.ts';
import { requireAdmin } from '../shared/require-admin.ts';

/** Throws ForbiddenError unless the actor may read the tenant's health figures. */
export function authorizeSystemHealth(actor: Acting): void {
  requireAdmin(actor, 'Only admins can see the system health.', false);
}
