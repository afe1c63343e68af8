import { describe, expect, it } from 'vitest';
import { actorFor, outcome } from '../../../../test/helpers/policy.ts';
import { authorizeMailTemplate } from './mail-template.policy.ts';

describe('authorizeMailTemplate', () => {
  it.each([
    ['admin', 'read', 'ok'], ['admin', 'save', 'ok'], ['admin', 'reset', 'ok'], ['admin', 'preview', 'ok'],
    ['agent', 'read', 'ok'], ['agent', 'save', '403 Only admins can save mail templates.'],
    ['agent', 'reset', '403 Only admins can reset mail templates.'], ['agent', 'preview', '403 Only admins can preview mail templates.'],
    ['customer', 'read', '403 Only agents and admins can read mail templates.'], ['customer', 'save', '403 Only admins can save mail templates.'],
    [null, 'read', '403 Only agents and admins can read mail templates.'], [null, 'save', '403 Only admins can save mail templates.'],
    ['system', 'save', 'ok'], ['system', 'reset', 'ok'], ['system', 'preview', '403 Only admins can preview mail templates.'],
  ] as const)('%s %s → %s', (role, action, expected) => {
    expect(outcome(() => authorizeMailTemplate(actorFor(role), action))).toBe(expected);
  });
});
