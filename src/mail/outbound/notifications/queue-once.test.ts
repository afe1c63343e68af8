/**
 * A notification is queued once however its job is run: again after a commit, or twice at
 * the same moment (two workers that both took the job after a lost lease). The outbox's
 * dedupe key is unique per tenant (migration 010); on PostgreSQL the second transaction
 * waits for the first, then finds the mail there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { inTransaction } from '../../../domain/shared/transaction.ts';
import { createTenant } from '../../../domain/tenants/create-tenant.ts';
import type { QueuedMail } from '../queue-mail.ts';
import { queueOnce } from './queue-once.ts';

let t: TestRuntime;
beforeAll(async () => { t = await createTestRuntime(); });
afterAll(async () => { await t?.cleanup(); });

const ctx = () => t.rt.systemCtx(t.rt.defaultTenantId);
const mail = (subject: string): QueuedMail => ({
  ticketId: null, messageId: null, kind: 'notification', to: ['rita@example.com'], from: 'Parley <parley@example.com>',
  subject, text: 'A ticket changed.', automatic: true,
});
const rowsOf = (subject: string) => t.rt.db.selectFrom('outbound_mails').select(['id', 'dedupe_key']).where('subject', '=', subject).execute();
const jobsOf = async (subject: string) => {
  const ids = (await rowsOf(subject)).map((r) => r.id);
  return ids.length ? t.rt.db.selectFrom('jobs').select('id').where('name', '=', 'mail.deliver').where('payload', 'like', `%${ids[0]}%`).execute() : [];
};

describe('queueOnce', () => {
  it('queues nothing the second time (a rerun after commit)', async () => {
    expect(await queueOnce(ctx(), '41:ticket_created:rita@example.com', mail('rerun'))).toMatch(/^</);
    expect(await queueOnce(ctx(), '41:ticket_created:rita@example.com', mail('rerun'))).toBeNull();
    expect(await rowsOf('rerun')).toEqual([{ id: expect.any(String), dedupe_key: 'notify:41:ticket_created:rita@example.com' }]);
  });

  it('queues one mail when two transactions queue the same key at the same moment', async () => {
    let firstInserted!: () => void;
    const inserted = new Promise<void>((r) => { firstInserted = r; });
    const first = inTransaction(ctx(), async (tx) => {
      const id = await queueOnce(tx, '42:assigned:rita@example.com', mail('race'));
      firstInserted();
      // Keep the transaction open while the second one tries: it must wait for us, then give up.
      await new Promise((r) => setTimeout(r, 300));
      return id;
    });
    await inserted;
    const second = inTransaction(ctx(), (tx) => queueOnce(tx, '42:assigned:rita@example.com', mail('race')));
    const results = await Promise.all([first, second]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await rowsOf('race')).toHaveLength(1);
    expect(await jobsOf('race')).toHaveLength(1);
  });

  it('queues one mail out of ten concurrent attempts', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () =>
      inTransaction(ctx(), (tx) => queueOnce(tx, '43:resolved:rita@example.com', mail('ten')))));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await rowsOf('ten')).toHaveLength(1);
  });

  it('keeps keys per tenant', async () => {
    const other = await createTenant(t.rt, { name: 'Other Co', slug: 'other', language: 'en' });
    expect(await queueOnce(ctx(), '45:ticket_created:rita@example.com', mail('tenants'))).toMatch(/^</);
    expect(await queueOnce(t.rt.systemCtx(other.id), '45:ticket_created:rita@example.com', mail('tenants'))).toMatch(/^</);
    expect(await rowsOf('tenants')).toHaveLength(2);
  });
});
