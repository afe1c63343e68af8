/** The Ferndesk integration as the admin API shows it: its state, never its token. */
import type { FerndeskRow } from './ferndesk.repo.ts';

const iso = (at: string | null): string | null => (at ? new Date(at).toISOString() : null);

export function presentFerndesk(row: FerndeskRow | undefined) {
  return {
    enabled: Boolean(row?.token_hash),
    role_name: row?.role_name ?? 'agent',
    enabled_at: iso(row?.enabled_at ?? null),
    rotated_at: iso(row?.rotated_at ?? null),
    updated_at: iso(row?.updated_at ?? null),
  };
}
