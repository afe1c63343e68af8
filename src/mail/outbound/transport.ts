/**
 * Where outgoing mail goes: the SMTP server of SMTP_URL, or, when none is configured,
 * the log (so a fresh install works and shows what it would have sent).
 *
 * SMTP_URL carries nodemailer's connection options as query parameters:
 * `smtps://user:pass@host:465`, `smtp://host:587/?requireTLS=true` to refuse a
 * plain-text session, or `smtp://127.0.0.1:25/?ignoreTLS=true` for a local relay (or
 * test server) whose STARTTLS certificate cannot be verified.
 */
import { connect, type Socket } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { TransportCache } from './transports/transport-cache.ts';

export interface OutgoingMail {
  from: string; to: string | string[]; subject: string; text: string; headers?: Record<string, string>;
  cc?: string[];
  html?: string;
  replyTo?: string;
  /** Ours, `<…@…>`: the same on every attempt, so a resent mail is recognisably the same mail. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** The body carries a credential (a reset link): it goes to the recipient only, never to a log. */
  secret?: boolean;
  /** The tenant's DKIM key, when it has one: every transport signs with it (nodemailer's `dkim`). */
  dkim?: DkimKey;
}
export interface DkimKey { domainName: string; keySelector: string; privateKey: string }
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  /** False for the log stand-in used without SMTP_URL: the outbox then keeps its mail queued instead. */
  readonly configured?: boolean;
  /** Closes pooled connections (on shutdown); the install transport closes its cached tenant transports too. */
  close?(): void;
  /** On the install transport: the transports built from tenant and department settings (see transports/). */
  readonly cache?: TransportCache;
}

/**
 * nodemailer waits up to 10 minutes on a silent socket by default, longer than a job's
 * lease: a hung server would let a second worker send the same mail. SMTP_URL may
 * still set its own values.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
const TIMEOUTS = SMTP_TIMEOUTS;

export function createMailTransport(smtpUrl: string | undefined, log: (msg: string, data: Record<string, unknown>) => void): MailTransport {
  const cache = new TransportCache();
  if (!smtpUrl) {
    return {
      configured: false,
      cache,
      async send(mail) {
        const body = mail.secret ? { text_withheld: 'the body holds a credential' } : { text: mail.text };
        log('mail not sent: SMTP_URL is not configured', { to: mail.to, subject: mail.subject, ...body });
      },
      close: () => cache.closeAll(),
    };
  }
  const smtp = createSmtpTransport(() => {
    const transporter = nodemailer.createTransport(withDefaults(smtpUrl));
    // nodemailer's own `getSocket` option, set on the transport it made from the URL
    // (an options object with `url` would drop every other key).
    (transporter.transporter as { getSocket?: typeof noDelaySocket }).getSocket = noDelaySocket;
    return transporter;
  });
  return { configured: true, cache, send: smtp.send, close: () => { smtp.close(); cache.closeAll(); } };
}

/**
 * An SMTP transport over a pooled nodemailer transporter made by `make` (from SMTP_URL, or
 * from a tenant's settings). After a failure the pool is replaced: its connections may be
 * half-broken (a server that went away or restarted), and the next mail starts on a fresh one.
 */
export function createSmtpTransport(make: () => Transporter): { send(mail: OutgoingMail): Promise<void>; close(): void } {
  let transporter: Transporter | null = null;
  return {
    async send({ secret: _secret, ...mail }) {
      const used = transporter ??= make();
      try {
        await used.sendMail(mail);
      } catch (err) {
        if (transporter === used) { transporter = null; used.close(); }
        throw err;
      }
    },
    close: () => { transporter?.close(); transporter = null; },
  };
}

/**
 * Commands and the message go out in several small writes; with Nagle's algorithm each
 * waits for the server's delayed ACK (40 ms a write on Linux). The connection is opened
 * here with TCP_NODELAY and handed to nodemailer as an open `connection` (it upgrades it
 * for STARTTLS); implicit TLS (smtps, port 465) keeps nodemailer's own socket.
 */
export function noDelaySocket(
  options: { secure?: boolean; host?: string; port?: number; connectionTimeout?: number },
  callback: (err: Error | null, socketOptions?: { connection: Socket } | false) => void,
): void {
  if (options.secure || !options.host) return callback(null, false);
  const socket = connect({ host: options.host, port: options.port ?? 587, noDelay: true });
  // On any failure nodemailer connects by itself, so its pool sees the error the way it
  // expects (an error handed back from here would leave a dead slot in the pool).
  const fallBack = () => { clearTimeout(timer); socket.destroy(); callback(null, false); };
  const timer = setTimeout(fallBack, options.connectionTimeout ?? TIMEOUTS.connectionTimeout);
  socket.once('error', fallBack);
  socket.once('connect', () => { clearTimeout(timer); socket.removeListener('error', fallBack); callback(null, { connection: socket }); });
}

function withDefaults(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  // Pooled by default: the outbox sends mail after mail, and a new SMTP session per mail
  // costs a connection, a greeting and EHLO each time. `?pool=false` turns it off.
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', '3');
  for (const [key, value] of Object.entries(TIMEOUTS)) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(value));
  }
  return url.toString();
}
