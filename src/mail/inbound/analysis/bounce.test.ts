import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../parse/parse-mail.ts';
import { parseBounce } from './bounce.ts';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/mail');
const load = async (name: string) => parseMail(readFileSync(join(FIXTURES, name)));

describe('parseBounce', () => {
  it('prefers the specific code of the diagnostic over a generic DSN status', async () => {
    expect(parseBounce(await load('dsn-failed.eml'))).toEqual({ status: '5.1.1', recipient: 'gone@customer.example', permanent: true });
  });

  it('reads a qmail bounce and ignores codes in the returned copy', async () => {
    expect(parseBounce(await load('qmail-bounce.eml'))).toEqual({ status: '5.1.1', recipient: 'nobody@customer.example', permanent: true });
  });

  it('reports a delay as not permanent', async () => {
    const raw = 'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\nSubject: Delivery Status Notification (Delay)\r\n\r\nDelivery to the following recipient has been delayed:\r\n\r\n     slow@customer.example\r\n\r\nMessage will be retried for 2 more day(s)\r\n';
    expect(parseBounce(await parseMail(Buffer.from(raw)))).toMatchObject({ status: null, permanent: false });
  });

  it('returns null for a success-only DSN and for human mail', async () => {
    const raw = 'From: MAILER-DAEMON@mx.example\r\nSubject: Successful Mail Delivery Report\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nDelivered.\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; ok@x.example\r\nAction: delivered\r\nStatus: 2.0.0\r\n--b--\r\n';
    expect(parseBounce(await parseMail(Buffer.from(raw)))).toBeNull();
    expect(parseBounce(await load('gmail-reply.eml'))).toBeNull();
  });
});

describe('parseBounce status choice', () => {
  it('takes the remote server\'s code from Diagnostic-Code over the reporting MTA\'s Status', async () => {
    const raw = 'From: MAILER-DAEMON@mx.example\r\nSubject: Delivery Status Notification\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nDelivery to the following recipients was aborted.\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; full@x.example\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 552 5.2.2 Over quota\r\n--b--\r\n';
    expect(parseBounce(await parseMail(Buffer.from(raw)))).toMatchObject({ status: '5.2.2', recipient: 'full@x.example' });
  });

  it('reads permanence from plain SMTP reply codes when there is no RFC 3463 code', async () => {
    const notice = (code: string) => `From: MAILER-DAEMON@mx.example\r\nSubject: Returned mail\r\n\r\n----- Transcript of session follows -----\r\n<a@x.example>... ${code}\r\n`;
    expect(parseBounce(await parseMail(Buffer.from(notice('Deferred: 421 Service not available'))))).toMatchObject({ status: null, permanent: false });
    expect(parseBounce(await parseMail(Buffer.from(notice('550 User unknown'))))).toMatchObject({ status: null, permanent: true });
  });
});
