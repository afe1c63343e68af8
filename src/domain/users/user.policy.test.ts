import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome } from '../../../test/helpers/policy.ts';
import type { Acting } from '../shared/context.ts';
import { authorizeUser, type UserAction, type UserTarget } from './user.policy.ts';

const admin = actorOf('admin');
const agent = actorOf('agent');
const customer = actorOf('customer');
const token = actorOf('admin', { scopes: ['write'] });

describe('authorizeUser', () => {
  it.each<[string, Acting, UserAction, UserTarget, string]>([
    ['agent lists', agent, 'list', {}, 'ok'],
    ['customer lists', customer, 'list', {}, '403 Only agents and admins can list accounts.'],
    ['customer reads self', customer, 'read', { id: customer.id }, 'ok'],
    ['customer reads another', customer, 'read', { id: 'x' }, '404 The user was not found.'],
    ['agent reads another', agent, 'read', { id: 'x' }, 'ok'],
    ['agent creates a customer', agent, 'create', { role: 'customer' }, 'ok'],
    ['agent creates an agent', agent, 'create', { role: 'agent' }, '403 You cannot create this kind of account.'],
    ['system creates an admin', actorFor('system'), 'create', { role: 'admin' }, 'ok'],
    ['customer renames self', customer, 'update', { id: customer.id, fields: ['name', 'language'] }, 'ok'],
    ['customer changes own role', customer, 'update', { id: customer.id, fields: ['role'] }, '403 Only admins can change accounts.'],
    ['agent renames another', agent, 'update', { id: 'x', fields: ['name'] }, '403 Only admins can change accounts.'],
    ['admin sets another password', admin, 'set-password', { id: 'x' }, 'ok'],
    ['agent sets another password', agent, 'set-password', { id: 'x' }, '403 You are not allowed to do this.'],
    ['system sets a password', actorFor('system'), 'set-password', { id: 'x' }, 'ok'],
    ['customer changes own password', customer, 'change-password', { id: customer.id }, 'ok'],
    ['token changes a password', token, 'change-password', { id: token.id }, '403 An API token cannot change passwords.'],
    ['agent changes another password', agent, 'change-password', { id: 'x' }, '403 You are not allowed to do this.'],
    ['nobody registers as a customer', null, 'create', { role: 'customer' }, 'ok'],
    ['nobody creates an agent', null, 'create', { role: 'agent' }, '403 You cannot create this kind of account.'],
    ['nobody sets a password', null, 'set-password', { id: 'x' }, '403 You are not allowed to do this.'],
    ['system changes a password', actorFor('system'), 'change-password', { id: 'x' }, '403 You are not allowed to do this.'],
    ['nobody changes a password', null, 'change-password', { id: 'x' }, '401 Authentication is required.'],
  ])('%s → %s', (_name, actor, action, target, expected) => {
    expect(outcome(() => authorizeUser(actor, action, target))).toBe(expected);
  });
});
