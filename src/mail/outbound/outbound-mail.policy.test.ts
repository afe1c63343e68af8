import { describe, expect, it } from 'vitest';
import { actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeOutboundMail } from './outbound-mail.policy.ts';

describe('authorizeOutboundMail', () => {
  it.each([
    ['admin', 'read', 'ok'], ['admin', 'release', 'ok'],
    ['agent', 'read', '403 Only admins can see outgoing mail.'], ['agent', 'cancel', '403 Only admins can cancel outgoing mail.'],
    ['customer', 'retry', '403 Only admins can retry outgoing mail.'], [null, 'release', '403 Only admins can release outgoing mail.'],
  ] as const)('%s %s → %s', (role, action, expected) => {
    expect(outcome(() => authorizeOutboundMail(role ? actorOf(role) : null, action))).toBe(expected);
  });
});
