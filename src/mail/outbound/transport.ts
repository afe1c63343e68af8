/**
 * Where outgoing mail goes: the SMTP server of SMTP_URL, or, when none is configured,
 * the log (so a fresh install works and shows what it would have sent).
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail { from: string; to: string; subject: string; text: string; headers?: Record<string, string> }
export interface MailTransport { send(mail: OutgoingMail): Promise<void> }

export function createMailTransport(smtpUrl: string | undefined, log: (msg: string, data: Record<string, unknown>) => void): MailTransport {
  if (!smtpUrl) {
    return { async send(mail) { log('mail not sent: SMTP_URL is not configured', { to: mail.to, subject: mail.subject, text: mail.text }); } };
  }
  const transporter: Transporter = nodemailer.createTransport(smtpUrl);
  return { async send(mail) { await transporter.sendMail(mail); } };
}
