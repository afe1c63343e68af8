/** The English text (translation key) of each role. */
import type { Role } from '../people-shared/types.ts';

export const ROLE_LABELS: Record<Role, string> = { admin: 'Admin', agent: 'Agent', customer: 'Customer' };
