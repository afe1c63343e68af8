import { connect } from 'node:net';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eml } from '../../../../test/helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { createDepartment } from '../../../domain/departments/create-department.ts';
import { createTenant } from '../../../domain/tenants/create-tenant.ts';
import { openDatabase } from '../../../db/client.ts';
import type { Runtime } from '../../../runtime.ts';
import { startDirectDelivery, type DirectDelivery } from './lmtp-server.ts';

let t: TestRuntime;
let rt: Runtime;
let otherTenantId: string;
let lmtp: DirectDelivery;
let smtp: DirectDelivery;

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  const system = rt.systemCtx(rt.defaultTenantId);
  await createDepartment(system, { name: 'Soporte LMTP', addresses: ['soporte@lmtp.example', 'ayuda@lmtp.example', 'shared@lmtp.example'] });
  otherTenantId = (await createTenant(rt, { name: 'Other', slug: 'other-lmtp', language: 'en' })).id;
  await createDepartment(rt.systemCtx(otherTenantId), { name: 'Help', addresses: ['help@other.example'] });
  lmtp = await startDirectDelivery({ rt, port: 0, lmtp: true });
  smtp = await startDirectDelivery({ rt, port: 0, lmtp: false });
});
afterAll(async () => {
  await lmtp?.close();
  await smtp?.close();
  await t?.cleanup();
});

interface Sent { accepted: string[]; rejected: string[]; response?: string; error?: { responseCode?: number; response?: string } }

/** Sends with nodemailer's real SMTP client; a refused delivery resolves with its error instead of throwing. */
async function send(listener: DirectDelivery, useLmtp: boolean, to: string[], raw: Buffer): Promise<Sent & { errors: string[] }> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, lmtp: useLmtp, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ envelope: { from: 'sender@customer.example', to }, raw });
    const rejectedErrors = (info as unknown as { rejectedErrors?: Array<{ response: string }> }).rejectedErrors ?? [];
    return { accepted: info.accepted.map(String), rejected: info.rejected.map(String), response: info.response, errors: rejectedErrors.map((e) => e.response) };
  } catch (err) {
    const e = err as { responseCode?: number; response?: string; rejectedErrors?: Array<{ response: string }> };
    return { accepted: [], rejected: to, error: { responseCode: e.responseCode, response: e.response }, errors: (e.rejectedErrors ?? []).map((x) => x.response) };
  } finally {
    transport.close();
  }
}

const stored = (subject: string) => rt.db.selectFrom('inbound_messages').selectAll().where('subject', '=', subject).orderBy('tenant_id').execute();
const ticketsWith = (subject: string) => rt.db.selectFrom('tickets').selectAll().where('subject', '=', subject).execute();
const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* until idle */ } };

/** A raw dialogue with the listener, for the exact reply lines a client library would hide. */
async function dialogue(port: number, lines: Array<string | [string, number]>): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  let buffer = '';
  const replies: string[] = [];
  const next = () => new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /^(\d{3}) .*\r\n/m.exec(buffer);
      if (!m) return false;
      const end = buffer.indexOf(m[0]) + m[0].length;
      const reply = buffer.slice(0, end).trimEnd();
      buffer = buffer.slice(end);
      resolve(reply.split('\r\n').pop()!);
      return true;
    };
    if (check()) return;
    const onData = (c: Buffer) => { buffer += c.toString(); if (check()) socket.off('data', onData); };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  replies.push(await next());
  for (const step of lines) {
    const [line, count] = typeof step === 'string' ? [step, 1] : step;
    socket.write(`${line}\r\n`);
    for (let i = 0; i < count; i++) replies.push(await next());
  }
  socket.end();
  return replies;
}

describe('LMTP delivery', () => {
  it('stores accepted mail, answers 250 per recipient, and the worker makes a ticket of it', async () => {
    const raw = eml({ from: 'Cliente <cliente@customer.example>', to: 'soporte@lmtp.example', subject: 'LMTP uno', body: 'Hola por LMTP' });
    const res = await send(lmtp, true, ['soporte@lmtp.example'], raw);
    expect(res.accepted).toEqual(['soporte@lmtp.example']);
    const [row] = await stored('LMTP uno');
    expect(row).toMatchObject({ tenant_id: rt.defaultTenantId, source: 'lmtp', mailbox_id: null, status: 'received', size: raw.length });
    expect(JSON.parse(row.envelope!)).toEqual({ mailFrom: 'sender@customer.example', recipients: ['soporte@lmtp.example'] });
    await drain();
    const [ticket] = await ticketsWith('LMTP uno');
    expect(ticket).toMatchObject({ channel: 'email', tenant_id: rt.defaultTenantId });
  });

  it('refuses an address that is no queue with 550 5.1.1 and stores nothing', async () => {
    const before = await rt.db.selectFrom('inbound_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await send(lmtp, true, ['nobody@lmtp.example'], eml({ from: 'x@customer.example', to: 'nobody@lmtp.example', subject: 'LMTP nadie', body: 'x' }));
    expect(res.error?.responseCode).toBe(550);
    expect(res.errors[0]).toMatch(/^550 5\.1\.1 /);
    const after = await rt.db.selectFrom('inbound_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await dialogue(lmtp.port, ['LHLO client.example', 'MAIL FROM:<a@customer.example>', 'RCPT TO:<nobody@lmtp.example>', 'QUIT']))
      .toEqual([expect.stringMatching(/^220 /), expect.stringMatching(/^250 /), expect.stringMatching(/^250 /), expect.stringMatching(/^550 5\.1\.1 /), expect.stringMatching(/^221 /)]);
  });

  it('delivers to the known recipients of a mixed list and refuses the unknown one', async () => {
    const res = await send(lmtp, true, ['soporte@lmtp.example', 'nobody@lmtp.example'], eml({ from: 'x@customer.example', to: 'soporte@lmtp.example', subject: 'LMTP mixto', body: 'x' }));
    expect(res.accepted).toEqual(['soporte@lmtp.example']);
    expect(res.rejected).toEqual(['nobody@lmtp.example']);
    expect(await stored('LMTP mixto')).toHaveLength(1);
  });

  it('stores one message, and makes one ticket, for two queue addresses of one tenant', async () => {
    const raw = eml({ from: 'x@customer.example', to: 'soporte@lmtp.example, ayuda@lmtp.example', subject: 'LMTP dos colas', body: 'una vez' });
    const res = await send(lmtp, true, ['soporte@lmtp.example', 'ayuda@lmtp.example'], raw);
    expect(res.accepted.sort()).toEqual(['ayuda@lmtp.example', 'soporte@lmtp.example']);
    const rows = await stored('LMTP dos colas');
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].envelope!).recipients).toEqual(['soporte@lmtp.example', 'ayuda@lmtp.example']);
    await drain();
    expect(await ticketsWith('LMTP dos colas')).toHaveLength(1);
  });

  it('stores a copy per tenant when a message names queue addresses of two tenants, each seeing only its own recipients', async () => {
    const raw = eml({ from: 'x@customer.example', to: 'shared@lmtp.example, help@other.example', subject: 'LMTP compartido', body: 'x' });
    await send(lmtp, true, ['shared@lmtp.example', 'help@other.example'], raw);
    const rows = await stored('LMTP compartido');
    expect(rows.map((r) => r.tenant_id).sort()).toEqual([rt.defaultTenantId, otherTenantId].sort());
    const own = rows.find((r) => r.tenant_id === rt.defaultTenantId)!;
    const other = rows.find((r) => r.tenant_id === otherTenantId)!;
    expect(JSON.parse(own.envelope!).recipients).toEqual(['shared@lmtp.example']);
    expect(JSON.parse(other.envelope!).recipients).toEqual(['help@other.example']);
  });

  it('acknowledges a repeated delivery of a stored message without storing it twice', async () => {
    const raw = eml({ from: 'x@customer.example', to: 'soporte@lmtp.example', subject: 'LMTP repetido', body: 'x', messageId: '<repeat-1@customer.example>' });
    expect((await send(lmtp, true, ['soporte@lmtp.example'], raw)).accepted).toHaveLength(1);
    expect((await send(lmtp, true, ['soporte@lmtp.example'], raw)).accepted).toHaveLength(1);
    expect(await stored('LMTP repetido')).toHaveLength(1);
  });
});

describe('SMTP delivery', () => {
  it('stores accepted mail with source smtp and makes a ticket of it', async () => {
    const res = await send(smtp, false, ['ayuda@lmtp.example'], eml({ from: 'c@customer.example', to: 'ayuda@lmtp.example', subject: 'SMTP uno', body: 'Hola' }));
    expect(res.accepted).toEqual(['ayuda@lmtp.example']);
    expect(res.response).toMatch(/^250 2\.6\.0 /);
    expect((await stored('SMTP uno'))[0]).toMatchObject({ source: 'smtp', status: 'received' });
    await drain();
    expect(await ticketsWith('SMTP uno')).toHaveLength(1);
  });

  it('refuses an unknown recipient with 550 and stores nothing', async () => {
    const res = await send(smtp, false, ['nobody@lmtp.example'], eml({ from: 'c@customer.example', to: 'nobody@lmtp.example', subject: 'SMTP nadie', body: 'x' }));
    expect(res.error?.responseCode).toBe(550);
    expect(await stored('SMTP nadie')).toHaveLength(0);
  });

  it('answers 552 to a declared or actual size over the limit, and stores nothing', async () => {
    const small = await startDirectDelivery({ rt, port: 0, lmtp: false, maxBytes: 2000 });
    try {
      expect((await dialogue(small.port, ['EHLO client.example', 'MAIL FROM:<a@customer.example> SIZE=5000', 'QUIT']))[2]).toMatch(/^552 5\.3\.4 /);
      const big = eml({ from: 'c@customer.example', to: 'soporte@lmtp.example', subject: 'SMTP grande', body: 'x'.repeat(5000) });
      const res = await send(small, false, ['soporte@lmtp.example'], big);
      expect(res.error?.responseCode).toBe(552);
      expect(await stored('SMTP grande')).toHaveLength(0);
    } finally {
      await small.close();
    }
  });

  it('refuses clients outside allowedClients', async () => {
    const closed = await startDirectDelivery({ rt, port: 0, lmtp: false, allowedClients: ['10.0.0.0/8'] });
    const open = await startDirectDelivery({ rt, port: 0, lmtp: false, allowedClients: ['10.0.0.0/8', '127.0.0.0/8'] });
    try {
      expect((await dialogue(closed.port, []))[0]).toMatch(/^554 /);
      expect((await dialogue(open.port, ['QUIT']))[0]).toMatch(/^220 /);
    } finally {
      await closed.close();
      await open.close();
    }
  });
});

describe('a failure to store', () => {
  const breakStorage = () => sql`alter table inbound_messages rename to inbound_messages_away`.execute(rt.db);
  const repairStorage = () => sql`alter table inbound_messages_away rename to inbound_messages`.execute(rt.db);

  it('answers 451 4.3.0 (SMTP) and per recipient (LMTP), and the retry is stored once', async () => {
    const raw = eml({ from: 'c@customer.example', to: 'soporte@lmtp.example', subject: 'Reintento', body: 'x', messageId: '<retry-1@customer.example>' });
    await breakStorage();
    let viaSmtp: Sent;
    let viaLmtp: Sent;
    let lmtpReplies: string[];
    try {
      viaSmtp = await send(smtp, false, ['soporte@lmtp.example'], raw);
      viaLmtp = await send(lmtp, true, ['soporte@lmtp.example', 'ayuda@lmtp.example'], raw);
      lmtpReplies = await dialogue(lmtp.port, [
        'LHLO client.example', 'MAIL FROM:<c@customer.example>', 'RCPT TO:<soporte@lmtp.example>', 'RCPT TO:<ayuda@lmtp.example>',
        'DATA', [`${raw.toString('utf8').replace(/\r\n$/, '')}\r\n.`, 2], 'QUIT',
      ]);
    } finally {
      await repairStorage();
    }
    expect(viaSmtp.error).toMatchObject({ responseCode: 451 });
    expect(viaSmtp.error?.response).toMatch(/^451 4\.3\.0 /);
    expect(viaLmtp.accepted).toEqual([]);
    expect(viaLmtp.rejected).toEqual(['soporte@lmtp.example', 'ayuda@lmtp.example']);
    expect(lmtpReplies.slice(6, 8)).toEqual([expect.stringMatching(/^451 4\.3\.0 /), expect.stringMatching(/^451 4\.3\.0 /)]);
    expect(await stored('Reintento')).toHaveLength(0);

    expect((await send(smtp, false, ['soporte@lmtp.example'], raw)).accepted).toEqual(['soporte@lmtp.example']);
    expect((await send(smtp, false, ['soporte@lmtp.example'], raw)).accepted).toEqual(['soporte@lmtp.example']);
    expect(await stored('Reintento')).toHaveLength(1);
  });
});

describe('a database that does not answer', () => {
  /** Another connection holds the message store: nobody else can read or write it until released. */
  async function holdInboundMessages(): Promise<() => Promise<void>> {
    const target = t.config.database;
    if (target.dialect === 'sqlite') {
      const conn = new SqliteDatabase(target.file);
      conn.exec('BEGIN EXCLUSIVE');
      return async () => { conn.exec('ROLLBACK'); conn.close(); };
    }
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    await client.query('begin');
    await client.query('lock table inbound_messages in access exclusive mode');
    return async () => { await client.query('rollback'); await client.end(); };
  }

  it('answers 451 within the transaction deadline, and the retry once the database answers is stored once', async () => {
    // Its own connection, so the lock waits are this listener's: SQLite gives up on a lock after 200 ms.
    const h = openDatabase(t.config.database, { poolSize: 2, timeouts: { busyMs: 200 } });
    const listener = await startDirectDelivery({ rt: { ...rt, db: h.db, dialect: h.dialect }, port: 0, lmtp: true, deadlineMs: 800 });
    const raw = eml({ from: 'c@customer.example', to: 'soporte@lmtp.example', subject: 'Base colgada', body: 'x', messageId: '<hung-1@customer.example>' });
    try {
      const release = await holdInboundMessages();
      let replies: string[];
      const started = Date.now();
      try {
        replies = await dialogue(listener.port, [
          'LHLO client.example', 'MAIL FROM:<c@customer.example>', 'RCPT TO:<soporte@lmtp.example>',
          'DATA', `${raw.toString('utf8').replace(/\r\n$/, '')}\r\n.`, 'QUIT',
        ]);
      } finally {
        await release();
      }
      const elapsed = Date.now() - started;
      expect(replies[5]).toMatch(/^451 4\.3\.0 /);
      expect(elapsed).toBeLessThan(3000);
      const retried = await send(listener, true, ['soporte@lmtp.example'], raw);
      expect(retried.accepted).toEqual(['soporte@lmtp.example']);
      // Stored once, even should the first attempt's transaction have committed after its 451.
      expect(await stored('Base colgada')).toHaveLength(1);
    } finally {
      await listener.close();
      await h.close();
    }
  });
});
