import type { UserRow } from './users.repo.ts';

export interface UserSummary { id: string; name: string; email: string; role: string }

export const presentUserSummary = (u: UserRow): UserSummary => ({ id: u.id, name: u.name, email: u.email, role: u.role });

/** The full account, as admins and the person themself see it. */
export function presentUser(u: UserRow, departmentIds: number[]) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organisation: u.organisation_id,
    departments: departmentIds,
    restricted_to_departments: Boolean(u.restricted_to_departments),
    can_access_ticketing: Boolean(u.can_access_ticketing),
    is_active: Boolean(u.is_active),
    language: u.language,
    away: Boolean(u.is_away),
    created_at: u.created_at,
    updated_at: u.updated_at,
  };
}
