import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eml } from '../../../test/helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { findInbound } from './inbound.repo.ts';
import { receiveMessage } from './receive-message.ts';
import { recoverStuckInbound } from './recover-stuck-inbound.ts';

let t: TestRuntime;
beforeAll(async () => { t = await createTestRuntime(); });
afterAll(async () => t.cleanup());

describe('recoverStuckInbound', () => {
  it('quarantines a message whose job gave up, and leaves one whose job is alive', async () => {
    const raw = (s: string) => eml({ from: 'a@b.example', to: 'support@x.example', subject: s, body: 'x' });
    const dead = await receiveMessage(t.rt, { tenantId: t.rt.defaultTenantId, mailboxId: null, source: 'lmtp', raw: raw('dead') });
    const alive = await receiveMessage(t.rt, { tenantId: t.rt.defaultTenantId, mailboxId: null, source: 'lmtp', raw: raw('alive') });
    await t.rt.db.updateTable('jobs').set({ status: 'failed', last_error: 'the lease of the last attempt expired' })
      .where('unique_key', '=', `mail.process:${dead.id}`).execute();
    expect(await recoverStuckInbound(t.rt.db, new Date(Date.now() + 1000))).toBe(1);
    expect(await findInbound(t.rt.db, t.rt.defaultTenantId, dead.id)).toMatchObject({ status: 'quarantined', reason: 'processing stopped: the lease of the last attempt expired' });
    expect((await findInbound(t.rt.db, t.rt.defaultTenantId, alive.id))!.status).toBe('received');
    expect(await recoverStuckInbound(t.rt.db, new Date(Date.now() - 60_000))).toBe(0);
  });
});
