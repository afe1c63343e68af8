import { describe, expect, it } from 'vitest';
import { actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeJob } from './job.policy.ts';

describe('authorizeJob', () => {
  it.each([
    ['admin', 'list', 'ok'], ['admin', 'retry', 'ok'],
    ['agent', 'list', '403 Only admins can see jobs.'], ['customer', 'retry', '403 Only admins can retry jobs.'],
    [null, 'list', '403 Only admins can see jobs.'], [null, 'retry', 'ok'],
  ] as const)('%s %s → %s', (role, action, expected) => {
    expect(outcome(() => authorizeJob(role ? actorOf(role) : null, action))).toBe(expected);
  });
});
