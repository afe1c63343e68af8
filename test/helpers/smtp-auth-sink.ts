/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that requires SMTP AUTH, as a provider's
 * submission port does: PLAIN and LOGIN against a table of users, XOAUTH2 against the
 * OAuth stand-in's access tokens. Refusals carry the provider's words ("535 5.7.8 …",
 * "334 <base64 JSON>" then 535 for XOAUTH2). Every accepted message is kept, parsed, with
 * who authenticated and how. No STARTTLS: clients connect with security "none".
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { ReceivedMail } from './smtp-sink.ts';

export interface AuthedMail extends ReceivedMail { user: string; method: string }

export interface SmtpAuthSink {
  port: number;
  messages: AuthedMail[];
  /** Every AUTH attempt: method, username, and whether it was accepted. */
  attempts: Array<{ method: string; username: string; ok: boolean }>;
  close(): Promise<void>;
}

export interface SmtpAuthSinkOptions {
  users?: Record<string, string>;
  /** XOAUTH2: whether this access token is valid for this user. */
  isValidToken?: (token: string, user: string) => boolean;
  /** The AUTH methods offered (default PLAIN, LOGIN, XOAUTH2). */
  methods?: Array<'PLAIN' | 'LOGIN' | 'XOAUTH2'>;
}

/** Listens on a random port; `users` for PLAIN/LOGIN, `isValidToken` for XOAUTH2. */
export async function startSmtpAuthSink(o: SmtpAuthSinkOptions = {}): Promise<SmtpAuthSink> {
  const messages: AuthedMail[] = [];
  const attempts: SmtpAuthSink['attempts'] = [];
  const server = new SMTPServer({
    logger: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true, closeTimeout: 100,
    authMethods: o.methods ?? ['PLAIN', 'LOGIN', 'XOAUTH2'],
    onAuth(auth, _session, callback) {
      const username = auth.username ?? '';
      if (auth.method === 'XOAUTH2') {
        const ok = Boolean(auth.accessToken && o.isValidToken?.(auth.accessToken, username));
        attempts.push({ method: 'XOAUTH2', username, ok });
        // Gmail's and Outlook's answer to a bad token: a 334 with a JSON status, then 535.
        return ok ? callback(null, { user: username }) : callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } });
      }
      const ok = o.users?.[username] !== undefined && o.users[username] === auth.password;
      attempts.push({ method: auth.method, username, ok });
      if (!ok) return callback(Object.assign(new Error('5.7.8 Username and Password not accepted'), { responseCode: 535 }));
      return callback(null, { user: username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((parsed) => {
          const user = String(session.user ?? '');
          const method = attempts.filter((a) => a.ok && a.username === user).at(-1)?.method ?? '';
          messages.push({
            envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
            secure: session.secure, raw: raw.toString('utf8'), parsed, user, method,
          });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A client that drops mid-session resets its socket: ignored, as a real server would go on.
  server.on('error', () => {});
  return {
    port: (server.server.address() as AddressInfo).port,
    messages, attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
