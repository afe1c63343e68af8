import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeAuditLog } from './audit-log.policy.ts';

describe('authorizeAuditLog', () => {
  it.each([
    ['admin', 'ok'], ['agent', '403 Only admins can read the audit log.'],
    ['customer', '403 Only admins can read the audit log.'], [null, '403 Only admins can read the audit log.'], ['system', '403 Only admins can read the audit log.'],
  ] as const)('%s list → %s', (role, expected) => {
    expect(outcome(() => authorizeAuditLog(actorFor(role), 'list'))).toBe(expected);
  });
});
