import { describe, expect, it } from 'vitest';
import { actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeSettings } from './settings.policy.ts';

describe('authorizeSettings', () => {
  it.each([
    ['admin', 'read', 'ok'], ['admin', 'update', 'ok'],
    ['agent', 'read', '403 Only admins can read settings.'], ['agent', 'update', '403 Only admins can change settings.'],
    ['customer', 'update', '403 Only admins can change settings.'],
    [null, 'read', '403 Only admins can read settings.'], [null, 'update', 'ok'],
  ] as const)('%s %s → %s', (role, action, expected) => {
    expect(outcome(() => authorizeSettings(role ? actorOf(role) : null, action))).toBe(expected);
  });
});
