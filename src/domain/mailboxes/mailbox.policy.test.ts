import { describe, expect, it } from 'vitest';
import { actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeMailbox } from './mailbox.policy.ts';

describe('authorizeMailbox', () => {
  it.each([
    ['admin', 'read', 'ok'], ['admin', 'connect', 'ok'], ['admin', 'delete', 'ok'],
    ['agent', 'read', '403 Only admins can manage mailboxes.'], ['agent', 'create', '403 Only admins can add mailboxes.'],
    ['agent', 'update', '403 Only admins can change mailboxes.'], ['customer', 'delete', '403 Only admins can delete mailboxes.'],
    ['agent', 'scan', '403 Only admins can scan mailboxes.'], ['agent', 'connect', '403 Only admins can connect mailboxes.'],
    [null, 'read', '403 Only admins can manage mailboxes.'], [null, 'connect', '403 Only admins can connect mailboxes.'],
    [null, 'create', 'ok'], [null, 'scan', 'ok'],
  ] as const)('%s %s → %s', (role, action, expected) => {
    expect(outcome(() => authorizeMailbox(role ? actorOf(role) : null, action))).toBe(expected);
  });
});
