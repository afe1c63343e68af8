import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome } from '../../../test/helpers/policy.ts';
import type { Acting } from '../shared/context.ts';
import { authorizeTicket, type TicketWrite, type TicketWriteAction } from './ticket.policy.ts';

const agent = actorOf('agent');
const customer = actorOf('customer');

describe('authorizeTicket (writes)', () => {
  it.each<[string, Acting, TicketWriteAction, TicketWrite, string]>([
    ['agent creates with a note and tags', agent, 'create', { messageTypes: ['note'], fields: { tags: 2 } }, 'ok'],
    ['system creates with an assignee', actorFor('system'), 'create', { messageTypes: ['reply'], fields: { assigneeId: 'a' } }, 'ok'],
    ['nobody creates', null, 'create', { messageTypes: ['reply'], fields: { assigneeId: 'a' } }, '403 Customers cannot set status, assignee or tags.'],
    ['customer creates a reply', customer, 'create', { messageTypes: ['reply'], fields: { status: undefined, tags: 0 } }, 'ok'],
    ['customer creates a note', customer, 'create', { messageTypes: ['note'] }, '403 Customers can only write replies.'],
    ['customer creates with a status', customer, 'create', { messageTypes: ['reply'], fields: { status: 'open' } }, '403 Customers cannot set status, assignee or tags.'],
    ['agent changes priority', agent, 'update', { fields: { priority: 'high' } }, 'ok'],
    ['customer closes', customer, 'update', { fields: { status: 'closed', priority: undefined } }, 'ok'],
    ['customer changes priority', customer, 'update', { fields: { priority: 'high' } }, '403 Customers cannot change the priority of a ticket.'],
    ['customer resolves', customer, 'update', { fields: { status: 'resolved' } }, '403 Customers cannot change the status of a ticket.'],
    ['system changes priority', actorFor('system'), 'update', { fields: { priority: 'high' } }, '403 Customers cannot change the priority of a ticket.'],
    ['agent writes a note with a status', agent, 'reply', { messageTypes: ['note'], fields: { status: 'pending' } }, 'ok'],
    ['customer replies', customer, 'reply', { messageTypes: ['reply'], fields: {} }, 'ok'],
    ['customer writes a note', customer, 'reply', { messageTypes: ['note'] }, '403 Customers cannot write internal notes.'],
    ['agent changes tickets in bulk', agent, 'bulk_update', { fields: { priority: 'high' } }, 'ok'],
    ['customer closes tickets in bulk', customer, 'bulk_update', { fields: { status: 'closed' } }, '403 Only agents and admins can change tickets in bulk.'],
    ['system changes tickets in bulk', actorFor('system'), 'bulk_update', { fields: { status: 'closed' } }, '403 Only agents and admins can change tickets in bulk.'],
    ['customer replies with a status', customer, 'reply', { messageTypes: ['reply'], fields: { status: 'open' } }, '403 Customers cannot set the status while replying.'],
  ])('%s → %s', (_name, actor, action, write, expected) => {
    expect(outcome(() => authorizeTicket(actor, action, write))).toBe(expected);
  });
});
