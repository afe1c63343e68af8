import { describe, expect, it } from 'vitest';
import { actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeInboundMessage } from './inbound-message.policy.ts';

describe('authorizeInboundMessage', () => {
  it.each([
    ['admin', 'read', 'ok'], ['admin', 'accept', 'ok'],
    ['agent', 'read', '403 Only admins can see received mail.'], ['agent', 'discard', '403 Only admins can discard received mail.'],
    ['customer', 'reprocess', '403 Only admins can reprocess received mail.'], ['agent', 'accept', '403 Only admins can accept received mail.'],
    [null, 'read', '403 Only admins can see received mail.'], [null, 'discard', 'ok'], [null, 'reprocess', 'ok'],
  ] as const)('%s %s → %s', (role, action, expected) => {
    expect(outcome(() => authorizeInboundMessage(role ? actorOf(role) : null, action))).toBe(expected);
  });
});
