import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeMailbox } from './mailbox.policy.ts';

describe('authorizeMailbox', () => {
  it.each([
    ['admin', 'read', 'ok'], ['admin', 'connect', 'ok'], ['admin', 'delete', 'ok'],
    ['agent', 'read', '403 Only admins can manage mailboxes.'], ['agent', 'create', '403 Only admins can add mailboxes.'],
    ['agent', 'update', '403 Only admins can change mailboxes.'], ['customer', 'delete', '403 Only admins can delete mailboxes.'],
    ['agent', 'scan', '403 Only admins can scan mailboxes.'], ['agent', 'connect', '403 Only admins can connect mailboxes.'],
    ['system', 'read', '403 Only admins can manage mailboxes.'], ['system', 'connect', '403 Only admins can connect mailboxes.'],
    ['system', 'create', 'ok'], ['system', 'scan', 'ok'], [null, 'create', '403 Only admins can add mailboxes.'],
  ] as const)('%s %s → %s', (role, action, expected) => {
    expect(outcome(() => authorizeMailbox(actorFor(role), action))).toBe(expected);
  });
});
