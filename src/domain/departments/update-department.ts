import { recordEvent } from '../events/record-event.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { findDepartment, findDepartmentBySlug, updateDepartmentRow, type DepartmentRow } from './departments.repo.ts';
import { saveQueueAddresses } from './save-queue-addresses.ts';
import { authorizeDepartment } from './department.policy.ts';
import { validateDepartmentSettings, type DepartmentSettings } from './department-settings.ts';

export interface UpdateDepartmentProps extends DepartmentSettings {
  name?: string;
  slug?: string;
  isActive?: boolean;
}

/** Changes a department's name, slug, queue addresses or defaults (admins only). */
export async function updateDepartment(ctx: Ctx, id: number, props: UpdateDepartmentProps): Promise<DepartmentRow> {
  authorizeDepartment(ctx.actor, 'update');
  return inTransaction(ctx, async (tx) => {
    const before = await findDepartment(tx.db, tx.tenantId, id);
    if (!before) throw new NotFoundError('department');
    if (props.name !== undefined && !props.name.trim()) throw ValidationError.field('name', 'must not be empty');
    if (props.slug && props.slug !== before.slug && await findDepartmentBySlug(tx.db, tx.tenantId, props.slug)) {
      throw new ConflictError(`A department with slug "${props.slug}" exists already.`);
    }
    const s = await validateDepartmentSettings(tx, props, id);
    await updateDepartmentRow(tx.db, tx.tenantId, id, {
      ...(props.name !== undefined && { name: props.name.trim() }),
      ...(props.slug !== undefined && { slug: props.slug }),
      ...(s.defaultOwnerId !== undefined && { default_owner_id: s.defaultOwnerId }),
      ...(s.defaultStatus !== undefined && { default_status: s.defaultStatus }),
      ...(s.defaultPriority !== undefined && { default_priority: s.defaultPriority }),
      ...(s.autoCreateCustomers !== undefined && { auto_create_customers: s.autoCreateCustomers }),
      ...(s.assignmentMode !== undefined && { assignment_mode: s.assignmentMode }),
      ...(props.isActive !== undefined && { is_active: props.isActive }),
      updated_at: nowIso(),
    });
    if (s.addresses) await saveQueueAddresses(tx, id, s.addresses);
    await recordEvent(tx, { name: 'department.updated', subjectType: 'department', subjectId: String(id), payload: { changes: { ...props } } });
    return (await findDepartment(tx.db, tx.tenantId, id))!;
  });
}
