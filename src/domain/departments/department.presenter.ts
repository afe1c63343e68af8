import type { AssignmentMode } from '../assignment/assignment-modes.ts';
import type { DepartmentRow } from './departments.repo.ts';

/** What everyone sees (the seed's shape); staff also get the queue configuration. */
export function presentDepartment(d: DepartmentRow, addresses: string[] | null) {
  const base = { id: d.id, name: d.name, slug: d.slug };
  if (addresses === null) return base;
  return {
    ...base,
    addresses,
    default_owner: d.default_owner_id,
    default_status: d.default_status,
    default_priority: d.default_priority,
    auto_create_customers: Boolean(d.auto_create_customers),
    assignment_mode: d.assignment_mode as AssignmentMode,
    is_active: Boolean(d.is_active),
  };
}
