/**
 * The whole message as it goes on the wire (headers, both bodies, DKIM signature), built
 * once by nodemailer's stream transport: the mail APIs that take raw MIME (Graph sendMail,
 * Gmail send) then send the same Message-ID, headers and body as SMTP would.
 */
import nodemailer from 'nodemailer';
import type { OutgoingMail } from '../transport.ts';

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

/** The MIME of `mail`, CRLF line ends, signed when it carries a DKIM key. */
export async function buildMime({ secret: _secret, ...mail }: OutgoingMail): Promise<Buffer> {
  const info = await composer.sendMail(mail);
  return info.message as Buffer;
}
