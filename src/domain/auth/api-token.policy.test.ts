import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome } from '../../../test/helpers/policy.ts';
import type { Acting } from '../shared/context.ts';
import { authorizeApiToken, type ApiTokenAction, type ApiTokenTarget } from './api-token.policy.ts';

const admin = actorOf('admin');
const agent = actorOf('agent');
const token = actorOf('agent', { scopes: ['write'] });

describe('authorizeApiToken', () => {
  it.each<[string, Acting, ApiTokenAction, ApiTokenTarget, string]>([
    ['agent lists own', agent, 'list', {}, 'ok'],
    ['agent lists own by id', agent, 'list', { userId: agent.id }, 'ok'],
    ['agent lists another', agent, 'list', { userId: 'x' }, "403 Only admins can see other people's tokens."],
    ['agent lists all', agent, 'list', { all: true }, "403 Only admins can see other people's tokens."],
    ['admin lists all', admin, 'list', { all: true }, 'ok'],
    ['agent creates own', agent, 'create', { userId: agent.id }, 'ok'],
    ['agent creates for another', agent, 'create', { userId: 'x' }, '403 You are not allowed to do this.'],
    ['admin creates for another', admin, 'create', { userId: 'x' }, 'ok'],
    ['token creates', token, 'create', { userId: token.id }, '403 An API token cannot create other tokens.'],
    ['nobody creates', null, 'create', {}, '403 API tokens belong to people.'],
    ['system creates', actorFor('system'), 'create', {}, '403 API tokens belong to people.'],
    ['agent revokes own', agent, 'revoke', { userId: agent.id }, 'ok'],
    ['agent revokes another', agent, 'revoke', { userId: 'x' }, '404 The API token was not found.'],
    ['admin revokes another', admin, 'revoke', { userId: 'x' }, 'ok'],
  ])('%s → %s', (_name, actor, action, target, expected) => {
    expect(outcome(() => authorizeApiToken(actor, action, target))).toBe(expected);
  });
});
