import { describe, expect, it } from 'vitest';
import { actorFor } from '../../../test/helpers/policy.ts';
import { ForbiddenError } from '../shared/errors.ts';
import { authorizeWebhook, type WebhookAction } from './webhook.policy.ts';

const ACTIONS: WebhookAction[] = ['read', 'create', 'update', 'delete', 'rotate', 'test', 'redeliver', 'disable'];

describe('webhook policy', () => {
  it.each([
    ['admin', ACTIONS],
    ['agent', []],
    ['customer', []],
    ['system', ['disable']],
    ['nobody', []],
  ] as const)('%s may %j', (who, allowed) => {
    for (const action of ACTIONS) {
      const attempt = () => authorizeWebhook(actorFor(who === 'nobody' ? null : who), action);
      if ((allowed as readonly string[]).includes(action)) expect(attempt, action).not.toThrow();
      else expect(attempt, action).toThrow(ForbiddenError);
    }
  });
});
