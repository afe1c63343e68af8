import { describe, expect, it } from 'vitest';
import { actorFor, actorOf, outcome } from '../../../test/helpers/policy.ts';
import { authorizeCannedReply } from './canned-reply.policy.ts';

const admin = actorOf('admin');
const agent = actorOf('agent', { departmentIds: [1] });
const limited = actorOf('agent', { id: 'u-limited', restrictedToDepartments: true, departmentIds: [2] });
const customer = actorOf('customer');
const mine = { owner_id: 'u-agent', department_id: null };
const shared = (department_id: number | null) => ({ owner_id: null, department_id });

describe('authorizeCannedReply', () => {
  it.each([
    [agent, 'list', undefined, 'ok'],
    [customer, 'list', undefined, '403 Only agents and admins can use canned replies.'],
    [null, 'list', undefined, '403 Only agents and admins can use canned replies.'],
    [actorFor('system'), 'read', shared(null), '403 Only agents and admins can use canned replies.'],
    [agent, 'create', mine, 'ok'],
    [agent, 'create', shared(1), '403 Only admins can create shared canned replies.'],
    [admin, 'create', shared(1), 'ok'],
    [customer, 'create', mine, '403 Only agents and admins can use canned replies.'],
    [agent, 'read', mine, 'ok'], [agent, 'change', mine, 'ok'],
    [admin, 'read', mine, '404 The canned reply was not found.'],
    [limited, 'read', mine, '404 The canned reply was not found.'],
    [agent, 'read', shared(2), 'ok'],
    [agent, 'change', shared(2), '403 Only admins can change shared canned replies.'],
    [limited, 'read', shared(2), 'ok'], [limited, 'read', shared(null), 'ok'],
    [limited, 'read', shared(1), '404 The canned reply was not found.'],
    [limited, 'change', shared(1), '404 The canned reply was not found.'],
    [admin, 'change', shared(1), 'ok'],
    [customer, 'read', shared(null), '403 Only agents and admins can use canned replies.'],
  ] as const)('%# %s %s → %s', (actor, action, scope, expected) => {
    expect(outcome(() => authorizeCannedReply(actor, action, scope))).toBe(expected);
  });
});
