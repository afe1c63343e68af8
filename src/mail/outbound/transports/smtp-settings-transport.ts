/**
 * An SMTP transport built from stored settings: a server with an optional password login,
 * or an OAuth-connected mailbox's provider (Outlook, Gmail) with SASL XOAUTH2, its access
 * token taken from the mailbox (refreshed when due, and once more when the server refuses
 * it; a refused refresh token marks the mailbox as needing re-authorization).
 */
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { OutgoingTransportRow } from '../../../domain/outgoing-mail/outgoing-transports.repo.ts';
import type { SecretBox } from '../../../domain/shared/secret-box.ts';
import type { Runtime } from '../../../runtime.ts';
import type { MailboxRow } from '../../inbound/mailboxes.repo.ts';
import { getMailboxAccessToken } from '../../inbound/oauth/access-token.ts';
import { SMTP_TIMEOUTS, createSmtpTransport, noDelaySocket, type MailTransport } from '../transport.ts';

type Auth = SMTPPool.Options['auth'];

/** The connection options of a stored setting; `auth` as the setting (password) or the mailbox (XOAUTH2) gives it. */
function connection(row: OutgoingTransportRow, auth: Auth): SMTPPool.Options {
  const security = row.security ?? 'starttls';
  return {
    pool: true, maxConnections: 3, ...SMTP_TIMEOUTS,
    host: row.host ?? undefined, port: row.port ?? undefined,
    secure: security === 'tls', requireTLS: security === 'starttls', ignoreTLS: security === 'none',
    ...(auth && { auth }),
  };
}

function pooled(options: SMTPPool.Options): MailTransport {
  const smtp = createSmtpTransport(() => {
    const transporter = nodemailer.createTransport(options);
    (transporter.transporter as { getSocket?: typeof noDelaySocket }).getSocket = noDelaySocket;
    return transporter;
  });
  return { configured: true, send: smtp.send, close: smtp.close };
}

/** SMTP with the setting's own login (the password unsealed only here), or none. */
export function passwordSmtpTransport(row: OutgoingTransportRow, secrets: SecretBox): MailTransport {
  const auth = row.username && row.password_enc ? { user: row.username, pass: secrets.open(row.password_enc) } : undefined;
  return pooled(connection(row, auth));
}

/** SMTP AUTH XOAUTH2 as the mailbox's account, with the mailbox's OAuth access token. */
export function xoauth2SmtpTransport(row: OutgoingTransportRow, rt: Runtime, mailbox: MailboxRow): MailTransport {
  let last: string | undefined;
  const provisionCallback = (_user: string, renew: boolean, callback: (err: Error | null, token: string, expires: number) => void) => {
    getMailboxAccessToken(rt, mailbox, renew && last ? { rejected: last } : {}).then((token) => {
      last = token;
      // Asked again within five minutes, the mailbox answers from its row (it refreshes five minutes early).
      callback(null, token, Date.now() + 5 * 60_000);
    }, (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), '', 0));
  };
  return pooled(connection(row, { type: 'OAuth2', user: mailbox.username ?? '', provisionCallback }));
}
