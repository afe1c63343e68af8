import { listDepartments } from '../departments/departments.repo.ts';
import type { Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';

/** Returns the ids, deduplicated, after checking each names a department of the tenant. */
export async function checkDepartmentIds(ctx: Ctx, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const known = new Set((await listDepartments(ctx.db, ctx.tenantId)).map((d) => d.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw ValidationError.field('departments', `unknown department ${unknown.join(', ')}`);
  return [...new Set(ids)];
}
