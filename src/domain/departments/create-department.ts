import { recordEvent } from '../events/record-event.ts';
import { getSettings } from '../settings/get-settings.ts';
import { nextCounter } from '../tenants/tenants.repo.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError, ValidationError } from '../shared/errors.ts';
import { slugify } from '../shared/text.ts';
import { inTransaction } from '../shared/transaction.ts';
import { findDepartment, findDepartmentBySlug, insertDepartment, type DepartmentRow } from './departments.repo.ts';
import { saveQueueAddresses } from './save-queue-addresses.ts';
import { authorizeDepartment } from './department.policy.ts';
import { validateDepartmentSettings, type DepartmentSettings } from './department-settings.ts';

export interface CreateDepartmentProps extends DepartmentSettings {
  name: string;
  slug?: string;
}

/** Creates a department with the tenant's next integer id (the first one is 1). */
export async function createDepartment(ctx: Ctx, props: CreateDepartmentProps): Promise<DepartmentRow> {
  authorizeDepartment(ctx.actor, 'create');
  const name = props.name.trim();
  if (!name) throw ValidationError.field('name', 'must not be empty');
  const slug = props.slug ?? slugify(name);
  return inTransaction(ctx, async (tx) => {
    if (await findDepartmentBySlug(tx.db, tx.tenantId, slug)) throw new ConflictError(`A department with slug "${slug}" exists already.`);
    const settings = await validateDepartmentSettings(tx, props);
    const id = await nextCounter(tx.db, tx.tenantId, 'department');
    const now = nowIso();
    await insertDepartment(tx.db, {
      tenant_id: tx.tenantId, id, name, slug,
      default_owner_id: settings.defaultOwnerId ?? null,
      default_status: settings.defaultStatus ?? 'new',
      default_priority: settings.defaultPriority ?? 'medium',
      auto_create_customers: settings.autoCreateCustomers ?? true,
      assignment_mode: settings.assignmentMode ?? (await getSettings(tx.db, tx.tenantId)).assignment_strategy,
      created_at: now, updated_at: now,
    });
    await saveQueueAddresses(tx, id, settings.addresses ?? []);
    await recordEvent(tx, { name: 'department.created', subjectType: 'department', subjectId: String(id), payload: { name, slug } });
    return (await findDepartment(tx.db, tx.tenantId, id))!;
  });
}
