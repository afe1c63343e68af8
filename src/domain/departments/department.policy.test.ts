import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeDepartment, canSeeDepartmentAddresses, visibleDepartment } from './department.policy.ts';
import type { DepartmentRow } from './departments.repo.ts';

const active = { id: 1, is_active: 1 } as unknown as DepartmentRow; // only the fields the policy reads
const inactive = { id: 2, is_active: 0 } as unknown as DepartmentRow;

describe('authorizeDepartment', () => {
  it.each([
    ['admin', 'read', inactive, 'ok'], ['agent', 'read', inactive, 'ok'],
    ['customer', 'read', active, 'ok'], ['customer', 'read', inactive, '404 The department was not found.'],
    ['admin', 'create', undefined, 'ok'], ['agent', 'create', undefined, '403 Only admins can create departments.'],
    ['customer', 'update', undefined, '403 Only admins can change departments.'],
    ['system', 'create', undefined, 'ok'], ['system', 'update', undefined, 'ok'],
    [null, 'create', undefined, '403 Only admins can create departments.'], [null, 'update', undefined, '403 Only admins can change departments.'],
  ] as const)('%s %s → %s', (role, action, row, expected) => {
    expect(outcome(() => authorizeDepartment(actorFor(role), action, row))).toBe(expected);
  });

  it('lists inactive departments and addresses to staff only', () => {
    expect([active, inactive].filter(visibleDepartment(actorOf('agent')))).toEqual([active, inactive]);
    expect([active, inactive].filter(visibleDepartment(actorOf('customer')))).toEqual([active]);
    expect([canSeeDepartmentAddresses(actorOf('admin')), canSeeDepartmentAddresses(actorOf('customer'))]).toEqual([true, false]);
  });
});
