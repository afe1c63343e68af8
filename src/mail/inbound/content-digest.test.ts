import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver } from '../../../test/helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { createDepartment } from '../../domain/departments/create-department.ts';
import { createMailbox } from '../../domain/mailboxes/create-mailbox.ts';
import type { Runtime } from '../../runtime.ts';
import { contentDigest } from './content-digest.ts';
import { findInbound } from './inbound.repo.ts';
import { processInbound } from './process-inbound.ts';
import { receiveMessage } from './receive-message.ts';

const QUEUE = 'nomid@queue.example';
let t: TestRuntime;
let rt: Runtime;
let mailboxId: string;

/** A message without a Message-ID, as an old mail client or a script writes it. */
const noId = (body: string, extra: string[] = [], date = 'Wed, 02 Dec 2026 08:00:00 +0000') => Buffer.from([
  ...extra, 'From: Old Client <old@client.example>', `To: ${QUEUE}`, 'Subject: Printer   offline', `Date: ${date}`,
  'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, '',
].join('\r\n'));

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  const system = rt.systemCtx(rt.defaultTenantId);
  await createDepartment(system, { name: 'No Id', addresses: [QUEUE] });
  mailboxId = (await createMailbox(system, rt.secrets, { name: 'Old IMAP', kind: 'imap', host: 'imap.example.com', username: 'u', password: 'p' })).id;
});
afterAll(async () => t.cleanup());

const tickets = async () => (await rt.db.selectFrom('tickets').select('id').where('subject', '=', 'Printer offline').execute()).length;

describe('mail without a Message-ID (issue 7 item 7)', () => {
  it('ignores headers and line-wrapping whitespace, but not the text, the sender or the date', async () => {
    const base = await contentDigest(noId('The printer is offline.'));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await contentDigest(noId('The  printer is\r\noffline.', ['X-Migrated-From: old-server', 'Received: from a by b']))).toBe(base);
    expect(await contentDigest(noId('The printer is online.'))).not.toBe(base);
    expect(await contentDigest(noId('The printer is offline.', [], 'Wed, 02 Dec 2026 08:00:01 +0000'))).not.toBe(base);
    expect(await contentDigest(Buffer.from('From: a@b.example\r\nSubject: x\r\n\r\nno date\r\n'))).toBeNull();
  });

  it('is stored once when a mailbox migration fetches it again with one header more', async () => {
    const first = await deliver(rt, noId('The printer is offline.'), { mailboxId, recipients: [QUEUE] });
    expect(first).toMatchObject({ status: 'processed', content_digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const again = await receiveMessage(rt, { tenantId: rt.defaultTenantId, mailboxId, source: 'imap', raw: noId('The printer is offline.', ['X-Migrated-From: old-server']) });
    expect(again).toEqual({ id: first.id, duplicate: true });
    expect(await tickets()).toBe(1);
  });

  it('drops the later of two copies stored at once (the check when storing raced)', async () => {
    const raw = noId('Copies raced.', [], 'Wed, 02 Dec 2026 09:00:00 +0000');
    const a = await receiveMessage(rt, { tenantId: rt.defaultTenantId, mailboxId, source: 'imap', raw });
    const digest = (await findInbound(rt.db, rt.defaultTenantId, a.id))!.content_digest;
    // As if the other copy had been stored in the same instant, before `a` was visible.
    await rt.db.updateTable('inbound_messages').set({ content_digest: null }).where('id', '=', a.id).execute();
    const b = await receiveMessage(rt, { tenantId: rt.defaultTenantId, mailboxId: null, source: 'lmtp', raw: noId('Copies raced.', ['X-Relay: 2'], 'Wed, 02 Dec 2026 09:00:00 +0000') });
    expect(b.duplicate).toBe(false);
    await rt.db.updateTable('inbound_messages').set({ content_digest: digest }).where('id', '=', a.id).execute();
    expect(await processInbound(rt, rt.defaultTenantId, b.id, true)).toBe('dropped');
    expect(await processInbound(rt, rt.defaultTenantId, a.id, true)).toBe('processed');
    expect((await findInbound(rt.db, rt.defaultTenantId, b.id))!.reason).toBe(`dedupe: duplicate: the same mail (sender, date, subject and text) was received as ${a.id}`);
  });
});
