import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeSettings } from './settings.policy.ts';

describe('authorizeSettings', () => {
  it.each([
    ['admin', 'read', 'ok'], ['admin', 'update', 'ok'],
    ['agent', 'read', '403 Only admins can read settings.'], ['agent', 'update', '403 Only admins can change settings.'],
    ['customer', 'update', '403 Only admins can change settings.'],
    ['system', 'read', '403 Only admins can read settings.'], ['system', 'update', 'ok'], [null, 'update', '403 Only admins can change settings.'],
  ] as const)('%s %s → %s', (role, action, expected) => {
    expect(outcome(() => authorizeSettings(actorFor(role), action))).toBe(expected);
  });
});
