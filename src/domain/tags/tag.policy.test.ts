import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeTag, canSeeTagCounts } from './tag.policy.ts';

describe('authorizeTag', () => {
  it.each([
    ['agent', 'create', 'ok'], ['customer', 'create', '403 Only agents can create tags.'], [null, 'create', '403 Only agents can create tags.'],
    ['agent', 'apply', 'ok'], ['customer', 'apply', '403 Only agents can tag tickets.'], ['system', 'apply', 'ok'], [null, 'apply', '403 Only agents can tag tickets.'],
    ['admin', 'delete', 'ok'], ['agent', 'delete', '403 Only admins can delete tags.'], [null, 'delete', '403 Only admins can delete tags.'],
  ] as const)('%s %s → %s', (role, action, expected) => {
    expect(outcome(() => authorizeTag(actorFor(role), action))).toBe(expected);
  });

  it('shows ticket counts to staff only', () => {
    expect([canSeeTagCounts(actorOf('agent')), canSeeTagCounts(actorOf('customer'))]).toEqual([true, false]);
  });
});
