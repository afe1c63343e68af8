/** Who may see and retry background jobs: admins; the system actor may retry. */
import type { Acting } from '../shared/context.ts';
import { requireAdmin } from '../shared/require-admin.ts';

export type JobAction = 'list' | 'retry';

/** Throws ForbiddenError unless the actor may do this to jobs. */
export function authorizeJob(actor: Acting, action: JobAction): void {
  if (action === 'list') requireAdmin(actor, 'Only admins can see jobs.', false);
  else requireAdmin(actor, 'Only admins can retry jobs.', true);
}
