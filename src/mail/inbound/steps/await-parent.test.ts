import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment } from '../../../domain/departments/create-department.ts';
import { DeferJob } from '../../../jobs/defer-job.ts';
import { eml } from '../../../../test/helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import type { Runtime } from '../../../runtime.ts';
import { findInbound, updateInbound } from '../inbound.repo.ts';
import { processInbound } from '../process-inbound.ts';
import { receiveMessage } from '../receive-message.ts';

let t: TestRuntime;
let rt: Runtime;
const QUEUE = 'wait@queue.example';

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  await createDepartment(rt.systemCtx(rt.defaultTenantId), { name: 'Wait Queue', addresses: [QUEUE] });
});
afterAll(async () => t.cleanup());

const store = async (raw: Buffer) => (await receiveMessage(rt, { tenantId: rt.defaultTenantId, mailboxId: null, source: 'lmtp', raw })).id;
const run = (id: string) => processInbound(rt, rt.defaultTenantId, id, true);
const row = async (id: string) => (await findInbound(rt.db, rt.defaultTenantId, id))!;
const pair = async (tag: string) => ({
  parent: await store(eml({ from: 'ana@wait.example', to: QUEUE, subject: tag, body: 'Hola.', messageId: `<${tag}@wait.example>` })),
  reply: await store(eml({ from: 'ana@wait.example', to: QUEUE, subject: `Re: ${tag}`, body: 'Más.', inReplyTo: `<${tag}@wait.example>` })),
});

describe('a reply whose parent is stored but not processed', () => {
  it('waits (DeferJob, even on the last attempt), then threads once the parent is processed', async () => {
    const { parent, reply } = await pair('w1');
    await expect(run(reply)).rejects.toBeInstanceOf(DeferJob);
    expect((await row(reply)).status).toBe('received');
    expect(await run(parent)).toBe('processed');
    expect(await run(reply)).toBe('processed');
    expect((await row(reply)).ticket_id).toBe((await row(parent)).ticket_id);
  });

  it('does not wait for a quarantined parent', async () => {
    const { parent, reply } = await pair('w2');
    await updateInbound(rt.db, rt.defaultTenantId, parent, { status: 'quarantined', reason: 'error: test' });
    expect(await run(reply)).toBe('processed');
    expect((await row(reply)).ticket_id).not.toBeNull();
  });

  it('goes ahead after the maximum wait', async () => {
    const { reply } = await pair('w3');
    await updateInbound(rt.db, rt.defaultTenantId, reply, { received_at: new Date(Date.now() - 3 * 60_000).toISOString() });
    expect(await run(reply)).toBe('processed');
  });

  it('never waits for a parent received after it (two messages naming each other cannot deadlock)', async () => {
    const first = await store(eml({ from: 'ana@wait.example', to: QUEUE, subject: 'A', body: 'a', messageId: '<a@wait.example>', inReplyTo: '<b@wait.example>' }));
    await new Promise((r) => setTimeout(r, 5));
    const second = await store(eml({ from: 'ana@wait.example', to: QUEUE, subject: 'B', body: 'b', messageId: '<b@wait.example>', inReplyTo: '<a@wait.example>' }));
    await expect(run(second)).rejects.toBeInstanceOf(DeferJob);
    expect(await run(first)).toBe('processed');
    expect(await run(second)).toBe('processed');
    expect((await row(second)).ticket_id).toBe((await row(first)).ticket_id);
  });
});
