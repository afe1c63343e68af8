/**
 * Two Parley installs whose queue mailboxes answer each other must stop by themselves at
 * ≤ 2 mails. Each install has its own database, runtime and SMTP sink (its "network"):
 * every mail an install sends to the other's queue address is delivered into the other's
 * inbound pipeline, round after round, until nothing new is sent or the rounds run out.
 * The first mail goes from A's queue address to B's (as if A's agent had written to B).
 * Variants: the network keeps every header, or a relay strips X-Loop (then Auto-Submitted
 * alone must stop it). Also: a vacation responder answering a confirmation gets nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment } from '../../src/domain/departments/create-department.ts';
import { deliver, eml } from '../helpers/mail.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp-sink.ts';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.ts';

const ADDRESS_A = 'help@alpha.example';
const ADDRESS_B = 'support@beta.example';
const ROUNDS = 10;

interface Install { t: TestRuntime; sink: SmtpSink; address: string; seen: number }
let a: Install;
let b: Install;

async function install(address: string, baseUrl: string): Promise<Install> {
  const sink = await startSmtpSink();
  const t = await createTestRuntime({ SMTP_URL: sink.url, PARLEY_BASE_URL: baseUrl });
  await createDepartment(t.rt.systemCtx(t.rt.defaultTenantId), { name: 'Queue', addresses: [address] });
  return { t, sink, address, seen: 0 };
}
beforeAll(async () => {
  a = await install(ADDRESS_A, 'https://help.alpha.example');
  b = await install(ADDRESS_B, 'https://support.beta.example');
});
afterAll(async () => {
  for (const i of [a, b]) { await i?.t.cleanup(); await i?.sink.close(); }
});

/** Runs every due job of the install (confirmations, notifications, deliveries). */
async function drain(i: Install): Promise<void> {
  while ((await i.t.rt.worker.runOnce()) > 0) { /* until idle */ }
}
/** Mails the install sent since the last look, to the other install's queue address. */
function sentTo(from: Install, to: Install): ReceivedMail[] {
  const out = from.sink.messages.slice(from.seen).filter((m) => m.envelope.to.includes(to.address));
  from.seen = from.sink.messages.length;
  return out;
}
const raw = (m: ReceivedMail, stripLoop: boolean) => Buffer.from(stripLoop ? m.raw.replace(/^X-Loop:[^\r\n]*\r?\n/gim, '') : m.raw);

/** Delivers the first mail to B, then carries mail both ways until a round sends nothing; the mails exchanged and the rounds it took. */
async function exchange(subject: string, stripLoop: boolean): Promise<{ exchanged: number; rounds: number }> {
  const first = eml({ from: `Alpha Help <${ADDRESS_A}>`, to: ADDRESS_B, subject, body: 'Hello Beta, our order 1234 has not arrived.' });
  expect((await deliver(b.t.rt, first)).ticket_id).not.toBeNull();
  let exchanged = 1;
  for (let round = 1; round <= ROUNDS; round++) {
    await drain(a);
    await drain(b);
    const toA = sentTo(b, a);
    const toB = sentTo(a, b);
    if (toA.length + toB.length === 0) return { exchanged, rounds: round };
    exchanged += toA.length + toB.length;
    for (const m of toA) await deliver(a.t.rt, raw(m, stripLoop));
    for (const m of toB) await deliver(b.t.rt, raw(m, stripLoop));
  }
  return { exchanged, rounds: ROUNDS + 1 };
}

describe('two installs whose mailboxes answer each other', () => {
  it.each([
    ['with every header kept', false],
    ['when a relay strips X-Loop', true],
  ])('stop by themselves at ≤ 2 mails, %s', async (label, stripLoop) => {
    const result = await exchange(`Order 1234 (${label})`, stripLoop);
    console.log(`LOOP ${label}: exchanged=${result.exchanged} rounds=${result.rounds}`);
    // B confirmed A's mail (2 mails), and A answered nothing: the loop stopped by itself.
    expect(result.rounds).toBeLessThanOrEqual(ROUNDS);
    expect(result.exchanged).toBeLessThanOrEqual(2);
    // Nothing was left waiting to go out either, that a later round would have carried.
    for (const i of [a, b]) {
      const pending = await i.t.rt.db.selectFrom('outbound_mails').select(['to_addresses', 'status'])
        .where('status', 'in', ['queued', 'held']).execute();
      expect(pending.filter((r) => r.to_addresses.includes(i === a ? ADDRESS_B : ADDRESS_A))).toEqual([]);
    }
  });

  it('answer nothing to a vacation responder that answers a confirmation', async () => {
    const customer = 'away@customers.example';
    const opened = await deliver(b.t.rt, eml({ from: `Away <${customer}>`, to: ADDRESS_B, subject: 'Invoice copy', body: 'Please send my invoice.' }));
    expect(opened.ticket_id).not.toBeNull();
    await drain(b);
    const confirmation = b.sink.messages.slice(b.seen).find((m) => m.envelope.to.includes(customer));
    expect(confirmation?.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    b.seen = b.sink.messages.length;
    const outboxBefore = (await b.t.rt.db.selectFrom('outbound_mails').select('id').execute()).length;
    const auto = await deliver(b.t.rt, eml({
      from: `Away <${customer}>`, to: ADDRESS_B, subject: `Automatic reply: ${confirmation!.parsed.subject}`,
      body: 'I am out of the office until Monday.', inReplyTo: confirmation!.parsed.messageId!, references: confirmation!.parsed.messageId!,
      headers: { 'Auto-Submitted': 'auto-replied' },
    }));
    expect(auto.ticket_id === null || auto.ticket_id === opened.ticket_id).toBe(true);
    await drain(b);
    expect(b.sink.messages.length).toBe(b.seen);
    expect((await b.t.rt.db.selectFrom('outbound_mails').select('id').execute()).length).toBe(outboxBefore);
  });
});
