import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeOrganisation } from './organisation.policy.ts';

const member = actorOf('customer', { organisationId: 'org-1' });

describe('authorizeOrganisation', () => {
  it.each([
    [actorOf('agent'), 'list', undefined, 'ok'],
    [member, 'list', undefined, '403 Only agents and admins can list organisations.'],
    [actorOf('agent'), 'read', 'org-2', 'ok'], [member, 'read', 'org-1', 'ok'],
    [member, 'read', 'org-2', '404 The organisation was not found.'],
    [actorOf('admin'), 'save', undefined, 'ok'], [actorFor('system'), 'save', undefined, 'ok'],
    [null, 'save', undefined, '403 Only admins can change organisations.'],
    [actorOf('agent'), 'save', undefined, '403 Only admins can change organisations.'],
    [member, 'save', undefined, '403 You are not allowed to do this.'],
  ] as const)('%# %s → %s', (actor, action, id, expected) => {
    expect(outcome(() => authorizeOrganisation(actor, action, id))).toBe(expected);
  });
});
