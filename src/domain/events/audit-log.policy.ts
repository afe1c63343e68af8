/** Who may read the audit log: admins only. */
import type { Acting } from '../shared/context.ts';
import { requireAdmin } from '../shared/require-admin.ts';

export type AuditLogAction = 'list';

/** Throws ForbiddenError unless the actor may read the audit log. */
export function authorizeAuditLog(actor: Acting, _action: AuditLogAction): void {
  requireAdmin(actor, 'Only admins can read the audit log.', false);
}
