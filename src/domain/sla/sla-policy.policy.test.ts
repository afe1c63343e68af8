import { describe, expect, it } from 'vitest';
import { actorFor } from '../../../test/helpers/policy.ts';
import { ForbiddenError } from '../shared/errors.ts';
import { authorizeSlaPolicy, type SlaPolicyAction } from './sla-policy.policy.ts';

const ACTIONS: SlaPolicyAction[] = ['read', 'save', 'delete'];

describe('SLA policy policy', () => {
  it.each([
    ['admin', ACTIONS],
    ['agent', ['read']],
    ['customer', []],
    ['system', []],
    ['nobody', []],
  ] as const)('%s may %j', (who, allowed) => {
    for (const action of ACTIONS) {
      const attempt = () => authorizeSlaPolicy(actorFor(who === 'nobody' ? null : who), action);
      if ((allowed as readonly string[]).includes(action)) expect(attempt, action).not.toThrow();
      else expect(attempt, action).toThrow(ForbiddenError);
    }
  });
});
