/**
 * Where outgoing mail goes: the SMTP server of SMTP_URL, or, when none is configured,
 * the log (so a fresh install works and shows what it would have sent).
 *
 * SMTP_URL carries nodemailer's connection options as query parameters:
 * `smtps://user:pass@host:465`, `smtp://host:587/?requireTLS=true` to refuse a
 * plain-text session, or `smtp://127.0.0.1:25/?ignoreTLS=true` for a local relay (or
 * test server) whose STARTTLS certificate cannot be verified.
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  from: string; to: string; subject: string; text: string; headers?: Record<string, string>;
  /** The body carries a credential (a reset link): it goes to the recipient only, never to a log. */
  secret?: boolean;
}
export interface MailTransport { send(mail: OutgoingMail): Promise<void> }

/**
 * nodemailer waits up to 10 minutes on a silent socket by default, longer than a job's
 * lease: a hung server would let a second worker send the same mail. SMTP_URL may
 * still set its own values.
 */
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

export function createMailTransport(smtpUrl: string | undefined, log: (msg: string, data: Record<string, unknown>) => void): MailTransport {
  if (!smtpUrl) {
    return {
      async send(mail) {
        const body = mail.secret ? { text_withheld: 'the body holds a credential' } : { text: mail.text };
        log('mail not sent: SMTP_URL is not configured', { to: mail.to, subject: mail.subject, ...body });
      },
    };
  }
  const transporter: Transporter = nodemailer.createTransport(withDefaults(smtpUrl));
  return { async send({ secret: _secret, ...mail }) { await transporter.sendMail(mail); } };
}

function withDefaults(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [key, value] of Object.entries(TIMEOUTS)) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(value));
  }
  return url.toString();
}
