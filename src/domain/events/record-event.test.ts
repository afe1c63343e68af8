/**
 * The event catalog is enforced twice: by TypeScript on the payloads written in the code
 * (the @ts-expect-error lines below fail `tsc` if it stops), and at run time on the
 * payload actually recorded, which throws in development and tests and rolls back.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { Runtime } from '../../runtime.ts';
import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { checkEventPayload, InvalidEventError } from './check-event-payload.ts';
import { recordEvent } from './record-event.ts';

let t: TestRuntime;
let rt: Runtime;

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
});
afterAll(async () => { await t?.cleanup(); });

/** Never called: type-checked only. */
export async function payloadsAreTyped(tx: Ctx): Promise<void> {
  const on = { subjectType: 'ticket', subjectId: 'x' };
  await recordEvent(tx, { ...on, name: 'ticket.assigned', payload: { number: 'TK-1', old: null, new: 'u1' } });
  // @ts-expect-error an event that is not in the catalog
  await recordEvent(tx, { ...on, name: 'ticket.updated', payload: { number: 'TK-1', changes: {} } });
  // @ts-expect-error an assignee is an id or null, not a number
  await recordEvent(tx, { ...on, name: 'ticket.assigned', payload: { number: 'TK-1', old: null, new: 7 } });
  // @ts-expect-error the subject is required
  await recordEvent(tx, { ...on, name: 'ticket.created', payload: { number: 'TK-1', status: 'new', priority: 'low', department_id: 1, requester_id: 'r', assignee_id: null, channel: 'api' } });
}

const events = async (subjectId: string) => rt.db.selectFrom('events').select(['name', 'payload']).where('subject_id', '=', subjectId).execute();

describe('the event catalog at run time', () => {
  it('rejects a payload of the wrong shape, naming the field', () => {
    expect(() => checkEventPayload('ticket.assigned', { number: 'TK-1', old: null, new: 7 })).toThrow(InvalidEventError);
    expect(() => checkEventPayload('ticket.assigned', { number: 'TK-1', old: null, new: 7 })).toThrow(/ticket\.assigned: new: /);
    expect(() => checkEventPayload('ticket.status_changed', { number: 'TK-1', new: 'open' })).toThrow(/old: /);
  });

  it('rejects a name that is not in the catalog', () => {
    expect(() => checkEventPayload('ticket.updated', { changes: {} })).toThrow(/ticket\.updated: not in the event catalog/);
  });

  it('keeps only the fields the catalog names', () => {
    expect(checkEventPayload('tag.deleted', { name: 'vip', password: 'hunter2' })).toEqual({ name: 'vip' });
  });

  it('in production, keeps the event as given and warns instead of failing the change', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(checkEventPayload('ticket.assigned', { number: 'TK-1', old: null, new: 7 }, true)).toEqual({ number: 'TK-1', old: null, new: 7 });
      expect(warn).toHaveBeenCalledOnce();
      expect(String(warn.mock.calls[0]![0])).toContain('ticket.assigned: new: ');
    } finally {
      warn.mockRestore();
    }
  });

  it('makes recordEvent throw and the whole transaction roll back', async () => {
    const ctx = rt.systemCtx(rt.defaultTenantId);
    await expect(inTransaction(ctx, async (tx) => {
      await recordEvent(tx, { name: 'tag.deleted', subjectType: 'tag', subjectId: 'bad-1', payload: { name: 'fine' } });
      // A payload built from data, which the compiler could not see.
      await recordEvent(tx, { name: 'tag.deleted', subjectType: 'tag', subjectId: 'bad-1', payload: JSON.parse('{"name":42}') });
    })).rejects.toThrow(/tag\.deleted: name: /);
    expect(await events('bad-1')).toEqual([]);
    await recordEvent(ctx, { name: 'tag.deleted', subjectType: 'tag', subjectId: 'good-1', payload: { name: 'fine' } });
    expect(await events('good-1')).toEqual([{ name: 'tag.deleted', payload: '{"name":"fine"}' }]);
  });
});
