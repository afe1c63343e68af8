import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeJob } from './job.policy.ts';

describe('authorizeJob', () => {
  it.each([
    ['admin', 'list', 'ok'], ['admin', 'retry', 'ok'],
    ['agent', 'list', '403 Only admins can see jobs.'], ['customer', 'retry', '403 Only admins can retry jobs.'],
    ['system', 'list', '403 Only admins can see jobs.'], ['system', 'retry', 'ok'], [null, 'retry', '403 Only admins can retry jobs.'],
  ] as const)('%s %s → %s', (role, action, expected) => {
    expect(outcome(() => authorizeJob(actorFor(role), action))).toBe(expected);
  });
});
