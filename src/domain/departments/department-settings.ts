import { ASSIGNMENT_MODES, type AssignmentMode } from '../assignment/assignment-modes.ts';
import { findUserById } from '../users/users.repo.ts';
import { checkQueueAddresses } from './check-queue-addresses.ts';
import type { Ctx } from '../shared/context.ts';
import { ValidationError, type FieldError } from '../shared/errors.ts';
import { PRIORITIES, STATUSES, type Priority, type Status } from '../tickets/ticket-values.ts';
import { normalizeEmail } from '../shared/text.ts';

/** The settings a department (a mail queue, in seed 001's words) carries. */
export interface DepartmentSettings {
  addresses?: string[];
  defaultOwnerId?: string | null;
  defaultStatus?: Status;
  defaultPriority?: Priority;
  autoCreateCustomers?: boolean;
  /** How new tickets get an assignee (docs/assignment.md). */
  assignmentMode?: AssignmentMode;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks owner, status, priority, assignment mode and queue addresses; returns them normalised. */
export async function validateDepartmentSettings(ctx: Ctx, s: DepartmentSettings, departmentId?: number): Promise<DepartmentSettings> {
  const errors: FieldError[] = [];
  if (s.defaultStatus && !STATUSES.includes(s.defaultStatus)) errors.push({ field: 'default_status', message: 'unknown status' });
  if (s.defaultPriority && !PRIORITIES.includes(s.defaultPriority)) errors.push({ field: 'default_priority', message: 'unknown priority' });
  if (s.assignmentMode && !ASSIGNMENT_MODES.includes(s.assignmentMode)) errors.push({ field: 'assignment_mode', message: `must be one of: ${ASSIGNMENT_MODES.join(', ')}` });
  const addresses = s.addresses ? [...new Set(s.addresses.map(normalizeEmail))] : undefined;
  for (const a of addresses ?? []) if (!EMAIL.test(a)) errors.push({ field: 'addresses', message: `"${a}" is not an email address` });
  if (s.defaultOwnerId) {
    const owner = await findUserById(ctx.db, ctx.tenantId, s.defaultOwnerId);
    if (!owner || owner.role === 'customer') errors.push({ field: 'default_owner', message: 'must be an agent or admin of this tenant' });
  }
  if (errors.length) throw new ValidationError(errors);
  if (addresses) await checkQueueAddresses(ctx, addresses, departmentId);
  return { ...s, addresses };
}
