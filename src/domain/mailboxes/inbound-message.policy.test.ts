import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeInboundMessage } from './inbound-message.policy.ts';

describe('authorizeInboundMessage', () => {
  it.each([
    ['admin', 'read', 'ok'], ['admin', 'accept', 'ok'],
    ['agent', 'read', '403 Only admins can see received mail.'], ['agent', 'discard', '403 Only admins can discard received mail.'],
    ['customer', 'reprocess', '403 Only admins can reprocess received mail.'], ['agent', 'accept', '403 Only admins can accept received mail.'],
    ['system', 'read', '403 Only admins can see received mail.'], ['system', 'discard', 'ok'], ['system', 'reprocess', 'ok'],
    [null, 'discard', '403 Only admins can discard received mail.'],
  ] as const)('%s %s → %s', (role, action, expected) => {
    expect(outcome(() => authorizeInboundMessage(actorFor(role), action))).toBe(expected);
  });
});
