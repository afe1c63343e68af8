import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, eml } from '../../../../test/helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { createDepartment } from '../../../domain/departments/create-department.ts';
import type { Runtime } from '../../../runtime.ts';
import { processInbound } from '../process-inbound.ts';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/mail');
let t: TestRuntime;
let rt: Runtime;

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  const system = rt.systemCtx(rt.defaultTenantId);
  await createDepartment(system, { name: 'Support', addresses: ['support@parley.example'] });
  await createDepartment(system, { name: 'Soporte', addresses: ['soporte@parley.example'] });
});
afterAll(async () => t.cleanup());

describe('automatic mail in the pipeline (issue 7 item 4)', () => {
  it.each([
    'customer-vacation-days.eml', 'customer-absent-technician.eml', 'customer-vpn-oficina.eml',
    'customer-spam-flag.eml', 'customer-feedback-id.eml', 'customer-notifications-sender.eml',
  ])('makes a ticket of the customer mail %s', async (name) => {
    const inbound = await deliver(rt, readFileSync(join(FIXTURES, name)));
    expect(inbound, inbound.reason ?? '').toMatchObject({ status: 'processed', ticket_id: expect.any(String) });
  });

  it.each(['newsletter-noreply.eml', 'exchange-oof.eml', 'vacation-auto-submitted.eml'])(
    'keeps the automatic mail %s as ignored, with the signs that gave it away', async (name) => {
      const inbound = await deliver(rt, readFileSync(join(FIXTURES, name)));
      expect(inbound).toMatchObject({ status: 'ignored', ticket_id: null });
      expect(inbound.reason).toMatch(/^handle-auto-reply: automatic mail that continues no ticket \(.+\)$/);
      expect(await rt.db.selectFrom('inbound_raw').select('inbound_id').where('inbound_id', '=', inbound.id).execute()).toHaveLength(1);
    });

  it('keeps a bounce for no ticket as ignored, not dropped', async () => {
    const dsn = eml({
      from: 'MAILER-DAEMON@mx.parley.example', to: 'support@parley.example', subject: 'Undelivered Mail Returned to Sender',
      headers: { 'X-Failed-Recipients': 'nobody@gone.example' }, body: 'Delivery to nobody@gone.example failed: 550 5.1.1 user unknown.',
    });
    expect(await deliver(rt, dsn)).toMatchObject({ status: 'ignored', reason: 'handle-bounce: bounce for a message that is not on any ticket' });
  });

  it('turns an ignored message into a ticket once accepted, skipping the verdict', async () => {
    const inbound = await deliver(rt, Buffer.from(readFileSync(join(FIXTURES, 'exchange-oof.eml'), 'utf8').replace('oof-77@', 'oof-78@')));
    expect(inbound.status).toBe('ignored');
    await rt.db.updateTable('inbound_messages').set({ status: 'received', accepted_by: 'test' }).where('id', '=', inbound.id).execute();
    expect(await processInbound(rt, rt.defaultTenantId, inbound.id, true)).toBe('processed');
  });
});
