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
import { createDepartment } from '../../../domain/departments/create-department.ts';
import type { QueuedMail } from '../queue-mail.ts';
import { queueEachOnce, queueOnce } from './queue-once.ts';

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

  it('queues the mails of one event together, each as queueOnce would: reruns, refused addresses and repeated keys', async () => {
    await createDepartment(ctx(), { name: 'Batch desk', addresses: ['batch-desk@example.com'] });
    const to = (subject: string, ...addresses: string[]): QueuedMail => ({ ...mail(subject), to: addresses });
    expect(await queueOnce(ctx(), '46:new_ticket:ana@example.com', to('batch', 'ana@example.com'))).toMatch(/^</);
    const ids = await queueEachOnce(ctx(), [
      { key: '46:new_ticket:ana@example.com', mail: to('batch', 'ana@example.com') },
      { key: '46:new_ticket:bo@example.com', mail: to('batch', 'BO@example.com', 'no-reply@example.com') },
      { key: '46:new_ticket:queue', mail: to('batch', 'batch-desk@example.com') },
      { key: '46:new_ticket:cy@example.com', mail: to('batch', 'cy@example.com') },
      { key: '46:new_ticket:cy@example.com', mail: to('batch', 'cy@example.com') },
      { key: '46:new_ticket:di@example.com', mail: { ...to('batch', 'no-reply@example.com'), cc: ['di@example.com'] } },
    ]);
    // Queued before; queued without the software address; only our own queue address: nothing;
    // queued; the same key again in the batch: nothing; the refused To gives way to the Cc.
    expect(ids.map((id) => id !== null)).toEqual([false, true, false, true, false, true]);
    const rows = await t.rt.db.selectFrom('outbound_mails').select(['to_addresses', 'cc_addresses', 'status', 'dedupe_key'])
      .where('subject', '=', 'batch').orderBy('dedupe_key').execute();
    expect(rows).toEqual([
      { to_addresses: '["ana@example.com"]', cc_addresses: '[]', status: 'queued', dedupe_key: 'notify:46:new_ticket:ana@example.com' },
      { to_addresses: '["bo@example.com"]', cc_addresses: '[]', status: 'queued', dedupe_key: 'notify:46:new_ticket:bo@example.com' },
      { to_addresses: '["cy@example.com"]', cc_addresses: '[]', status: 'queued', dedupe_key: 'notify:46:new_ticket:cy@example.com' },
      { to_addresses: '["di@example.com"]', cc_addresses: '[]', status: 'queued', dedupe_key: 'notify:46:new_ticket:di@example.com' },
    ]);
    const recipients = await t.rt.db.selectFrom('outbound_mail_recipients').innerJoin('outbound_mails', (j) => j.onRef('outbound_mails.id', '=', 'outbound_mail_recipients.outbound_id').onRef('outbound_mails.tenant_id', '=', 'outbound_mail_recipients.tenant_id'))
      .select('outbound_mail_recipients.address').where('outbound_mails.subject', '=', 'batch').orderBy('address').execute();
    expect(recipients.map((r) => r.address)).toEqual(['ana@example.com', 'bo@example.com', 'cy@example.com', 'di@example.com']);
    expect(await jobsOfEach('batch')).toBe(4);
  });
});

/** How many mail.deliver jobs the rows with this subject have (one each when queued). */
async function jobsOfEach(subject: string): Promise<number> {
  let n = 0;
  for (const r of await rowsOf(subject)) {
    n += (await t.rt.db.selectFrom('jobs').select('id').where('name', '=', 'mail.deliver').where('payload', 'like', `%${r.id}%`).execute()).length;
  }
  return n;
}
