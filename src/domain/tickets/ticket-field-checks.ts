import { findDepartment, type DepartmentRow } from '../departments/departments.repo.ts';
import type { TenantSettings } from '../settings/registry.ts';
import type { Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';
import { normalizeEmail } from '../shared/text.ts';
import { findUserById, type UserRow } from '../users/users.repo.ts';

/** Checks shared by creating and updating a ticket; each throws a field error. */

export async function checkDepartment(tx: Ctx, id: number): Promise<DepartmentRow> {
  const dep = await findDepartment(tx.db, tx.tenantId, id);
  if (!dep || !dep.is_active) throw ValidationError.field('department', 'unknown department');
  return dep;
}

export async function checkAssignee(tx: Ctx, id: string): Promise<UserRow> {
  const user = await findUserById(tx.db, tx.tenantId, id);
  if (!user || user.role === 'customer' || !user.is_active) throw ValidationError.field('assignee', 'must be an active agent or admin');
  return user;
}

export function checkCategory(settings: TenantSettings, category: string | null): void {
  if (category !== null && settings.categories.length > 0 && !settings.categories.includes(category)) {
    throw ValidationError.field('category', `must be one of: ${settings.categories.join(', ')}`);
  }
}

export function checkResolution(settings: TenantSettings, resolution: string | null): void {
  if (resolution !== null && !settings.resolutions.includes(resolution)) {
    throw ValidationError.field('resolution', `must be one of: ${settings.resolutions.join(', ')}`);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeRecipients(addresses: string[]): string[] {
  const out = [...new Set(addresses.map(normalizeEmail))];
  const bad = out.find((a) => !EMAIL.test(a));
  if (bad) throw ValidationError.field('recipients', `"${bad}" is not an email address`);
  if (out.length > 50) throw ValidationError.field('recipients', 'at most 50 addresses');
  return out;
}
