import type { DepartmentRow } from '../../../domain/departments/departments.repo.ts';
import type { TenantSettings } from '../../../domain/settings/registry.ts';

export interface DepartmentSwitches { send_confirmation: boolean; notify_agents_on_new_ticket: boolean }

/**
 * A department's on/off switches for new-ticket mail: the tenant's default, overridden per
 * department slug (setting `department_notifications`, shaped like
 * outgoing_mails_per_department). Both are on unless an admin turns them off.
 */
export function departmentSwitches(settings: TenantSettings, department: DepartmentRow): DepartmentSwitches {
  const s = settings.department_notifications;
  return { ...s.default, ...s.departments[department.slug] };
}
