import { describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../shared/context.ts';
import { ForbiddenError } from '../shared/errors.ts';
import { authorizeOutgoingMail } from './outgoing-mail.policy.ts';

const person = (role: Actor['role']): Actor => ({
  kind: 'user', id: 'u1', tenantId: 't1', role, name: 'P', email: 'p@example.com', organisationId: null,
  canAccessTicketing: true, restrictedToDepartments: false, departmentIds: [], scopes: null,
});

describe('authorizeOutgoingMail', () => {
  it('lets admins read, change and test', () => {
    for (const action of ['read', 'update', 'test'] as const) expect(() => authorizeOutgoingMail(person('admin'), action)).not.toThrow();
  });
  it('refuses agents, customers and anonymous callers', () => {
    for (const actor of [person('agent'), person('customer'), null]) {
      for (const action of ['read', 'update', 'test'] as const) expect(() => authorizeOutgoingMail(actor, action)).toThrow(ForbiddenError);
    }
  });
  it('lets the system change the settings, but not read them through the API or send a test', () => {
    expect(() => authorizeOutgoingMail(systemActor('cli'), 'update')).not.toThrow();
    expect(() => authorizeOutgoingMail(systemActor('cli'), 'read')).toThrow(ForbiddenError);
    expect(() => authorizeOutgoingMail(systemActor('cli'), 'test')).toThrow(ForbiddenError);
  });
});
