/**
 * Direct delivery: an LMTP (from a local MTA such as Postfix or Dovecot) or SMTP listener.
 * RCPT TO is accepted only for an address that some tenant has as a queue address; the
 * message is read whole (bounded), stored once per tenant, and only then answered 250.
 * Any failure to store answers 451 4.3.0, so the MTA keeps the message and retries; a
 * retry of what was stored is recognised as a duplicate and acknowledged. Every wait on
 * the database is bounded by `deadlineMs`: a frozen or vanished database is a 451, never
 * a transaction left hanging (if the store commits after the 451, the retry is a duplicate).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataResult, type SMTPServerEnvelope, type SMTPServerError } from 'smtp-server';
import { withDeadline } from '../../../db/deadline.ts';
import { noteStorageError, noteStorageWritable } from '../../../db/storage-health.ts';
import type { Services } from '../../../domain/shared/context.ts';
import { findDeliveryTenants } from '../delivery-tenants.repo.ts';
import { MAX_RAW_BYTES } from '../receive-message.ts';
import { allowedClientsCheck } from './direct-clients.ts';
import { storeForTenants } from './direct-store.ts';

export interface DirectDeliveryOptions {
  rt: Services;
  port: number;
  host?: string;
  /** LMTP (one answer per recipient after DATA) rather than SMTP. */
  lmtp: boolean;
  /** Largest message accepted; larger ones get 552. Default and ceiling: what receiveMessage stores. */
  maxBytes?: number;
  /** CIDR ranges allowed to connect; none means anyone that can reach host:port. */
  allowedClients?: readonly string[];
  /** Longest wait on the database for one RCPT lookup or one message's storing (default 30 s). */
  deadlineMs?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;
}

export interface DirectDelivery { port: number; close(): Promise<void> }

const smtpError = (responseCode: number, message: string): SMTPServerError => Object.assign(new Error(message), { responseCode });

export async function startDirectDelivery(o: DirectDeliveryOptions): Promise<DirectDelivery> {
  const maxBytes = Math.min(o.maxBytes ?? MAX_RAW_BYTES, MAX_RAW_BYTES);
  const source = o.lmtp ? 'lmtp' : 'smtp';
  const allowed = allowedClientsCheck(o.allowedClients);
  const log = o.log ?? (() => {});
  const deadlineMs = o.deadlineMs ?? 30_000;
  // The tenants of each accepted recipient, per mail transaction (smtp-server makes a new envelope for each).
  const tenantsOf = new WeakMap<SMTPServerEnvelope, Map<string, string[]>>();

  const server = new SMTPServer({
    lmtp: o.lmtp,
    banner: 'Parley',
    logger: false,
    size: maxBytes,
    rejectOversized: true,
    maxRecipients: 100,
    authOptional: true,
    // No TLS certificate is configured: the listener is meant for loopback or a trusted network.
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideENHANCEDSTATUSCODES: false,
    onConnect(session, callback) {
      if (allowed(session.remoteAddress)) return callback();
      log('warn', 'direct delivery: client refused', { client: session.remoteAddress });
      callback(smtpError(554, 'Your address may not deliver mail here'));
    },
    onRcptTo(address, session, callback) {
      withDeadline(findDeliveryTenants(o.rt.db, address.address), deadlineMs, 'the recipient lookup').then((tenants) => {
        if (tenants.length === 0) return callback(smtpError(550, `No queue address ${address.address} here`));
        let map = tenantsOf.get(session.envelope);
        if (!map) tenantsOf.set(session.envelope, (map = new Map()));
        map.set(address.address.toLowerCase(), tenants);
        callback();
      }, (err: unknown) => {
        log('error', 'direct delivery: recipient lookup failed', { error: String(err) });
        callback(smtpError(451, 'Temporary failure looking up the recipient, try again later'));
      });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let kept = 0;
      stream.on('data', (chunk: Buffer) => {
        // Past the limit the rest is read and thrown away; rejectOversized answers 552.
        if (kept + chunk.length <= maxBytes) { chunks.push(chunk); kept += chunk.length; }
      });
      stream.on('error', (err) => callback(smtpError(451, `Error reading the message: ${err.message}`)));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(552, `Message exceeds the maximum size of ${maxBytes} bytes`));
        withDeadline(deliver(Buffer.concat(chunks), session.envelope), deadlineMs, 'storing the message').then((result) => {
          if (Array.isArray(result)) callback(null, result);
          else if (result) callback(result);
          else callback(null, 'OK: stored');
        }, (err: unknown) => {
          log('error', 'direct delivery: storing failed', { error: String(err) });
          callback(smtpError(451, 'Temporary failure storing the message, try again later'));
        });
      });
    },
  });
  server.on('error', (err) => log('warn', 'direct delivery: connection error', { error: err.message }));
  // SMTP is a dialogue of short lines: without TCP_NODELAY each reply waits out the
  // client's delayed ACK (40 ms on Linux), capping one connection at ~25 messages/s.
  server.server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));

  /** Stores the message; resolves to LMTP's per-recipient answers, an SMTP error, or null for success. */
  async function deliver(raw: Buffer, envelope: SMTPServerEnvelope): Promise<SMTPServerDataResult[] | SMTPServerError | null> {
    const tenants = tenantsOf.get(envelope) ?? new Map<string, string[]>();
    const recipients = envelope.rcptTo.map((r) => r.address.toLowerCase());
    const byTenant = new Map<string, string[]>();
    for (const r of recipients) for (const t of tenants.get(r) ?? []) byTenant.set(t, [...(byTenant.get(t) ?? []), r]);
    const mailFrom = envelope.mailFrom ? envelope.mailFrom.address || null : null;
    const outcomes = await storeForTenants(o.rt, { source, raw, mailFrom, byTenant, withEnvelope: true });
    const failed = [...outcomes].filter(([, r]) => !r.ok);
    for (const [tenantId, r] of failed) {
      const error = r.ok ? '' : r.error;
      log('error', 'direct delivery: storing failed', { tenantId, error });
      if (noteStorageError(o.rt.db, new Error(error))) log('error', 'storage is full: incoming mail is deferred (451) until space is freed', { tenantId });
    }
    if (failed.length === 0 && outcomes.size > 0) noteStorageWritable(o.rt.db);
    const temporary = smtpError(451, 'Temporary failure storing the message, try again later');
    if (!o.lmtp) return failed.length ? temporary : null;
    return recipients.map((r) => {
      const ok = (tenants.get(r) ?? []).every((t) => outcomes.get(t)?.ok);
      return ok ? `OK: stored for <${r}>` : temporary;
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(o.port, o.host ?? '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
