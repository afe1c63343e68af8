import { describe, expect, it } from 'vitest';
import { actorFor } from '../../../test/helpers/policy.ts';
import { ForbiddenError } from '../shared/errors.ts';
import { authorizeTrigger, type TriggerAction } from './trigger.policy.ts';

const ACTIONS: TriggerAction[] = ['read', 'create', 'update', 'delete'];

describe('trigger policy', () => {
  it.each([
    ['admin', ACTIONS],
    ['agent', []],
    ['customer', []],
    ['system', []],
    ['nobody', []],
  ] as const)('%s may %j', (who, allowed) => {
    for (const action of ACTIONS) {
      const attempt = () => authorizeTrigger(actorFor(who === 'nobody' ? null : who), action);
      if ((allowed as readonly string[]).includes(action)) expect(attempt, action).not.toThrow();
      else expect(attempt, action).toThrow(ForbiddenError);
    }
  });
});
