import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome, type Who } from '../../../test/helpers/policy.ts';
import type { Acting } from '../shared/context.ts';
import { authorizeSavedView, type SavedViewAction } from './saved-view.policy.ts';

const own = (who: Who) => ({ tenant_id: 't1', user_id: `u-${who}` });
const noTicketing = actorOf('agent', { canAccessTicketing: false });

describe('authorizeSavedView', () => {
  it.each<[string, Acting, SavedViewAction, { tenant_id: string; user_id: string } | undefined, string]>([
    ['agent lists own', actorFor('agent'), 'list', undefined, 'ok'],
    ['customer lists own', actorFor('customer'), 'list', undefined, 'ok'],
    ['agent updates own', actorFor('agent'), 'update', own('agent'), 'ok'],
    ['customer deletes own', actorFor('customer'), 'delete', own('customer'), 'ok'],
    ['agent updates another', actorFor('agent'), 'update', own('admin'), '404 The view was not found.'],
    ['admin deletes an agent’s', actorFor('admin'), 'delete', own('agent'), '404 The view was not found.'],
    ['own id in another tenant', actorFor('agent'), 'update', { tenant_id: 't2', user_id: 'u-agent' }, '404 The view was not found.'],
    ['no ticketing', noTicketing, 'list', undefined, '403 This account does not have the can_access_ticketing permission.'],
    ['nobody', actorFor(null), 'list', undefined, '401 Authentication is required.'],
  ])('%s → %s', (_name, actor, action, row, expected) => {
    expect(outcome(() => authorizeSavedView(actor, action, row))).toBe(expected);
  });
});
