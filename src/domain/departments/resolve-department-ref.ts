import type { Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';
import { findDepartmentBySlug } from './departments.repo.ts';

/** A department named by id (as the seed does: `"department": 1`) or by slug. */
export async function resolveDepartmentRef(ctx: Ctx, ref: number | string | undefined, field = 'department'): Promise<number | undefined> {
  if (ref === undefined) return undefined;
  if (typeof ref === 'number') return ref;
  if (/^\d+$/.test(ref)) return Number(ref);
  const dep = await findDepartmentBySlug(ctx.db, ctx.tenantId, ref);
  if (!dep) throw ValidationError.field(field, 'unknown department');
  return dep.id;
}
