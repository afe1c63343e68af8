import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver } from '../../../../test/helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { createDepartment } from '../../../domain/departments/create-department.ts';
import type { Runtime } from '../../../runtime.ts';
import { peekHeaders } from '../peek-headers.ts';
import { MAX_FIELD_BYTES, limitHeaders } from './limit-headers.ts';
import { parseMail } from './parse-mail.ts';

const QUEUE = 'huge@queue.example';
const message = (lines: string[]) => Buffer.from([...lines, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', 'The printer is on fire.', ''].join('\r\n'));
/** A header line of 1 MB before the fields that matter. */
const giant = (id: string) => message([
  'Received: from mx.huge.example by mx.queue.example', `X-Junk: ${'a'.repeat(1024 * 1024)}`,
  'From: Grace Hopper <grace@huge.example>', `To: ${QUEUE}`, 'Subject: Huge header line', 'Date: Wed, 02 Dec 2026 10:00:00 +0000', `Message-ID: <${id}@huge.example>`,
]);

describe('limitHeaders', () => {
  it('leaves ordinary messages untouched (the same buffer)', () => {
    const raw = message(['From: a@b.example', 'Subject: x']);
    expect(limitHeaders(raw).raw).toBe(raw);
  });

  it('keeps the first and newest ids of a giant References', async () => {
    const ids = Array.from({ length: 40_000 }, (_, i) => `<r${i}@huge.example>`);
    const mail = await parseMail(message(['From: a@huge.example', 'Subject: refs', `References: ${ids.join(' ')}`]));
    expect(mail.references[0]).toBe('<r0@huge.example>');
    expect(mail.references.at(-1)).toBe('<r39999@huge.example>');
    expect(mail.references.join(' ').length).toBeLessThanOrEqual(MAX_FIELD_BYTES);
    expect(mail.cutHeaders).toEqual([expect.stringMatching(/^references: \d+ bytes cut to \d+$/)]);
  });

  it('parses From, To, Subject and Message-ID that follow a 1 MB line, and so does the peek at storing time', async () => {
    const raw = giant('p1');
    const mail = await parseMail(raw);
    expect(mail).toMatchObject({ from: { address: 'grace@huge.example' }, subject: 'Huge header line', messageId: '<p1@huge.example>', to: [{ address: QUEUE }] });
    expect(peekHeaders(raw)).toEqual({ messageId: 'p1@huge.example', subject: 'Huge header line', from: 'grace@huge.example' });
  });
});

describe('a message with a 1 MB header line in the pipeline (issue 7 item 6)', () => {
  let t: TestRuntime;
  let rt: Runtime;
  beforeAll(async () => {
    t = await createTestRuntime();
    rt = t.rt;
    await createDepartment(rt.systemCtx(rt.defaultTenantId), { name: 'Huge', addresses: [QUEUE] });
  });
  afterAll(async () => t.cleanup());

  it('becomes a ticket from its real sender, with a note that the line was shortened', async () => {
    const inbound = await deliver(rt, giant('p2'));
    expect(inbound, inbound.reason ?? '').toMatchObject({ status: 'processed', from_address: 'grace@huge.example', subject: 'Huge header line', dedupe_key: 'mid:p2@huge.example' });
    const ticket = await rt.db.selectFrom('tickets').selectAll().where('id', '=', inbound.ticket_id!).executeTakeFirstOrThrow();
    expect(ticket.subject).toBe('Huge header line');
    const requester = await rt.db.selectFrom('users').select('email').where('id', '=', ticket.requester_id).executeTakeFirstOrThrow();
    expect(requester.email).toBe('grace@huge.example');
    const bodies = (await rt.db.selectFrom('messages').select('body').where('ticket_id', '=', ticket.id).execute()).map((m) => m.body);
    expect(bodies).toContain('The printer is on fire.');
    expect(bodies.filter((b) => b.startsWith('Oversized header lines')), JSON.stringify(bodies).slice(0, 500)).toEqual([expect.stringMatching(/^Oversized header lines of this mail were shortened: x-junk: 104858\d bytes cut to \d+\.$/)]);
  });
});
