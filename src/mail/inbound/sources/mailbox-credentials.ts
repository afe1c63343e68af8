/**
 * Where and how to log in to an IMAP or POP3 mailbox: its server, the transport
 * security (plain text only to this machine), and its credentials, opened from their
 * sealed form only for the connection. Sources take these as a parameter so tests
 * and the OAuth flow can hand them in.
 */
import { isIP } from 'node:net';
import type { Runtime } from '../../../runtime.ts';
import type { MailboxRow } from '../mailboxes.repo.ts';
import { getMailboxAccessToken } from '../oauth/access-token.ts';

export type Security = 'tls' | 'starttls' | 'none';

export interface ServerTarget { host: string; port: number; security: Security }

export type MailboxCredentials =
  | { method: 'password'; user: string; password: string }
  | { method: 'xoauth2' | 'oauthbearer'; user: string; accessToken: string };

/** Thrown for a mailbox whose settings cannot work; retrying will not help. */
export class MailboxConfigError extends Error {}

const DEFAULT_PORTS: Record<'imap' | 'pop3', Record<Security, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  pop3: { tls: 995, starttls: 110, none: 110 },
};

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1' || h === '0:0:0:0:0:0:0:1';
}

export function serverTarget(mailbox: MailboxRow): ServerTarget {
  if (mailbox.kind !== 'imap' && mailbox.kind !== 'pop3') throw new MailboxConfigError(`mailbox ${mailbox.name} is not an IMAP or POP3 mailbox`);
  if (!mailbox.host) throw new MailboxConfigError(`mailbox ${mailbox.name} has no server host`);
  const security = mailbox.security as Security;
  if (!(security in DEFAULT_PORTS.imap)) throw new MailboxConfigError(`mailbox ${mailbox.name}: unknown security "${mailbox.security}"`);
  // Credentials in clear text may only travel over the loopback interface.
  if (security === 'none' && !isLoopback(mailbox.host)) {
    throw new MailboxConfigError(`mailbox ${mailbox.name}: security "none" is only allowed for a server on this machine (127.0.0.1, ::1, localhost), not ${mailbox.host}`);
  }
  return { host: mailbox.host, port: mailbox.port ?? DEFAULT_PORTS[mailbox.kind][security], security };
}

/** The mailbox's credentials: its sealed password, or a current OAuth2 access token. */
export async function mailboxCredentials(rt: Runtime, mailbox: MailboxRow, rejectedToken?: string): Promise<MailboxCredentials> {
  if (!mailbox.username) throw new MailboxConfigError(`mailbox ${mailbox.name} has no user name`);
  if (mailbox.auth === 'password') {
    if (!mailbox.secret_enc) throw new MailboxConfigError(`mailbox ${mailbox.name} has no password`);
    return { method: 'password', user: mailbox.username, password: rt.secrets.open(mailbox.secret_enc) };
  }
  if (mailbox.auth === 'xoauth2' || mailbox.auth === 'oauthbearer') {
    const accessToken = await getMailboxAccessToken(rt, mailbox, { rejected: rejectedToken });
    return { method: mailbox.auth, user: mailbox.username, accessToken };
  }
  throw new MailboxConfigError(`mailbox ${mailbox.name}: unknown authentication "${mailbox.auth}"`);
}

/** One line for a mailbox's last_error, without credentials. */
export function describeError(err: unknown): string {
  const e = err as { message?: string; response?: string; responseText?: string; code?: string };
  const parts = [e?.message ?? String(err)];
  const detail = e?.responseText ?? (typeof e?.response === 'string' ? e.response : undefined);
  if (detail && !parts[0].includes(detail.replace(/^(-ERR|NO|BAD)\s*/, ''))) parts.push(detail);
  if (e?.code && !parts.join(' ').includes(e.code)) parts.push(`(${e.code})`);
  return parts.join(': ').replace(/\s+/g, ' ').slice(0, 1000);
}
