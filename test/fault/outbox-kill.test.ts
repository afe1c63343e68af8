/**
 * kill -9 of the mail sender mid-batch: 200 queued mails are delivered by a `parley worker`
 * child process to a real SMTP sink in this process; the worker is killed with SIGKILL
 * twice while mail is arriving and started again. Every outbox row must end `sent`, every
 * mail must have arrived, and the only mail received twice is, at worst, the one in flight
 * at each kill (between the SMTP "250" and the write of `sent`), with the same Message-ID.
 * Runs on both engines (the test database of the run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueMail } from '../../src/mail/outbound/queue-mail.ts';
import type { Runtime } from '../../src/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { createTestRuntime, testDialect, type TestRuntime } from '../helpers/test-runtime.ts';
import { jobsLeft, report, SECRET, until } from './fixtures.ts';
import { startParley, type ParleyProcess } from './parley-process.ts';

const COUNT = 200;
const KILLS_AT = [40, 120];

let t: TestRuntime;
let rt: Runtime;
let sink: SmtpSink;
const running: ParleyProcess[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  // This runtime only queues and counts: its own worker is never started.
  t = await createTestRuntime({ PARLEY_BASE_URL: 'https://help.acme.example' });
  rt = t.rt;
});
afterAll(async () => {
  for (const p of running) await p.kill('SIGKILL');
  await t?.cleanup();
  await sink?.close();
});

describe('kill -9 of the sender mid-batch', () => {
  it('sends every mail, and nothing twice beyond the one in flight per kill, with the same Message-ID', async () => {
    const ctx = rt.systemCtx(rt.defaultTenantId);
    const queued = new Map<string, string>();
    for (let i = 0; i < COUNT; i++) {
      const n = String(i + 1).padStart(4, '0');
      // One recipient each: the send threshold (N per address per 5 minutes) holds nothing back.
      const { id, emailMessageId } = await queueMail(ctx, {
        ticketId: null, messageId: null, kind: 'reply', to: [`customer${n}@example.com`], from: 'Soporte <soporte@acme.example>',
        subject: `[TK-${n}] Re: outbox kill`, text: `Mail ${n}\n`, automatic: false,
      });
      queued.set(emailMessageId, id);
    }
    expect(queued.size).toBe(COUNT);

    const db = t.config.database;
    const env = {
      NODE_ENV: 'test', DATABASE_URL: db.dialect === 'postgres' ? db.url : `sqlite:${db.file}`, PARLEY_DATA_DIR: t.config.dataDir,
      PARLEY_SECRET_KEY: SECRET, LOG_LEVEL: 'warn', SMTP_URL: sink.url, PARLEY_BASE_URL: 'https://help.acme.example',
    };
    const start = async () => {
      const p = startParley(['worker'], env);
      running.push(p);
      await p.waitFor(/worker .* is running/, 20_000);
      return p;
    };
    const started = Date.now();
    const receivedAtKill: number[] = [];
    for (const at of KILLS_AT) {
      const worker = await start();
      await until(() => sink.messages.length >= at, 20_000, `${at} mails to arrive before the kill`);
      await worker.kill('SIGKILL');
      receivedAtKill.push(sink.messages.length);
    }
    await start();
    await until(async () => (await jobsLeft(rt, 'mail.deliver')) === 0, 20_000, 'every mail.deliver job to complete after the restart');

    const rows = await rt.db.selectFrom('outbound_mails').select(['id', 'status', 'email_message_id']).where('tenant_id', '=', rt.defaultTenantId).execute();
    const perId = new Map<string, number>();
    for (const m of sink.messages) perId.set(m.parsed.messageId ?? '', (perId.get(m.parsed.messageId ?? '') ?? 0) + 1);
    const duplicates = [...perId.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);
    const lost = [...queued.keys()].filter((id) => !perId.has(id)).length;
    const sent = rows.filter((r) => r.status === 'sent').length;
    report(`outbox-kill (${testDialect})`, {
      sent, received: sink.messages.length, duplicates, lost, kills: KILLS_AT.length,
      received_at_kills: receivedAtKill.join('/'), total_ms: Date.now() - started,
    });

    expect(rows).toHaveLength(COUNT);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    expect(lost).toBe(0);
    // Every mail that arrived is one we queued: a duplicate went out again under its own Message-ID, not a new one.
    expect([...perId.keys()].filter((id) => !queued.has(id))).toEqual([]);
    expect(perId.size).toBe(COUNT);
    expect(duplicates).toBeLessThanOrEqual(KILLS_AT.length);
    expect([...perId.values()].every((n) => n <= 2)).toBe(true);
    expect(sink.messages.length).toBe(COUNT + duplicates);
    // The kills landed mid-batch.
    expect(receivedAtKill.every((n) => n < COUNT)).toBe(true);
    expect(await rt.db.selectFrom('jobs').select('id').where('status', '=', 'failed').execute()).toEqual([]);
  }, 90_000);
});
