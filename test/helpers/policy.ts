/** Helpers for the policy tables: a signed-in actor of a role, and what a check did. */
import type { Role } from '../../src/db/schema.ts';
import { systemActor, type Acting, type Actor } from '../../src/domain/shared/context.ts';
import { DomainError } from '../../src/domain/shared/errors.ts';

/** An actor of the given role in tenant "t1", with id "u-<role>" unless overridden. */
export function actorOf(role: Role, extra: Partial<Actor> = {}): Actor {
  return {
    kind: 'user', id: `u-${role}`, tenantId: 't1', role, name: role, email: `${role}@example.test`, organisationId: null,
    canAccessTicketing: true, restrictedToDepartments: false, departmentIds: [], scopes: null, ...extra,
  };
}

/** Who acts in a policy table: a role, Parley itself ('system'), or nobody signed in (null). */
export type Who = Role | 'system' | null;

/** The actor for a row of a policy table. */
export function actorFor(who: Who): Acting {
  if (who === 'system') return systemActor('jobs');
  return who ? actorOf(who) : null;
}

/** 'ok' when the check passes, else the status and message of the typed error it threw. */
export function outcome(check: () => void): string {
  try {
    check();
    return 'ok';
  } catch (e) {
    if (e instanceof DomainError) return `${e.status} ${e.message}`;
    throw e;
  }
}
