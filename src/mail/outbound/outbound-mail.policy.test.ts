import { describe, expect, it } from 'vitest';
import { actorFor, outcome } from '../../../test/helpers/policy.ts';
import { authorizeOutboundMail, outboundMailScope } from './outbound-mail.policy.ts';

describe('authorizeOutboundMail', () => {
  it.each([
    ['admin', 'read', 'ok'], ['admin', 'release', 'ok'], ['admin', 'reschedule', 'ok'],
    ['agent', 'read', 'ok'], ['agent', 'cancel', 'ok'], ['agent', 'reschedule', 'ok'],
    ['agent', 'retry', '403 Only admins can retry outgoing mail.'], ['agent', 'release', '403 Only admins can release outgoing mail.'],
    ['customer', 'read', '403 Only admins can see outgoing mail.'], ['customer', 'reschedule', '403 Only admins can reschedule outgoing mail.'],
    ['customer', 'retry', '403 Only admins can retry outgoing mail.'], [null, 'release', '403 Only admins can release outgoing mail.'],
    ['system', 'release', '403 Only admins can release outgoing mail.'], ['system', 'reschedule', '403 Only admins can reschedule outgoing mail.'],
    ['system', 'cancel', 'ok'], [null, 'cancel', '403 Only admins can cancel outgoing mail.'],
  ] as const)('%s %s (any mail) → %s', (role, action, expected) => {
    expect(outcome(() => authorizeOutboundMail(actorFor(role), action))).toBe(expected);
  });

  it.each([
    ['agent', 'u-agent', 'cancel', 'ok'], ['agent', 'u-agent', 'reschedule', 'ok'], ['agent', 'u-agent', 'read', 'ok'],
    ['agent', 'u-other', 'cancel', '404 The outbound mail was not found.'], ['agent', null, 'read', '404 The outbound mail was not found.'],
    ['agent', 'u-agent', 'retry', '403 Only admins can retry outgoing mail.'],
    ['admin', 'u-other', 'reschedule', 'ok'], ['admin', null, 'retry', 'ok'],
    ['customer', 'u-customer', 'cancel', '403 Only admins can cancel outgoing mail.'],
  ] as const)('%s on a mail scheduled by %s: %s → %s', (role, by, action, expected) => {
    expect(outcome(() => authorizeOutboundMail(actorFor(role), action, { scheduledBy: by }))).toBe(expected);
  });

  it('lists the whole outbox for admins, only their own scheduled replies for agents', () => {
    expect(outboundMailScope(actorFor('admin'))).toBe('all');
    expect(outboundMailScope(actorFor('agent'))).toEqual({ scheduledBy: 'u-agent' });
    expect(outcome(() => outboundMailScope(actorFor('customer')))).toBe('403 Only admins can see outgoing mail.');
  });
});
