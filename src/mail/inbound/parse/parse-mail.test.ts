import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from './parse-mail.ts';

const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, '../../../../test/fixtures/mail', name));

describe('parseMail', () => {
  it('decodes ISO-8859-1 headers and quoted-printable bodies', async () => {
    const mail = await parseMail(fixture('iso-8859-1.eml'));
    expect(mail.subject).toBe('Grüße aus Köln');
    expect(mail.from).toEqual({ address: 'juergen@customer.example', name: 'Jürgen Müller' });
    expect(mail.text).toContain('läuft');
  });

  it('decodes Windows-1252 bodies', async () => {
    const mail = await parseMail(fixture('windows-1252.eml'));
    expect(mail.text).toContain('20 € “net”');
  });

  it('keeps threading headers in order and raw header lines', async () => {
    const mail = await parseMail(fixture('outlook-reply.eml'));
    expect(mail.references).toEqual(['<a0@parley.example>', '<a1@parley.example>']);
    expect(mail.rawHeaders.map((h) => h.name)).toContain('in-reply-to');
  });

  it('returns nulls for a message without Message-ID or Date', async () => {
    const mail = await parseMail(fixture('no-message-id.eml'));
    expect(mail.messageId).toBeNull();
    expect(mail.date).toBeNull();
    expect(mail.from).toEqual({ address: 'someone@customer.example', name: null });
  });

  it('lists inline images with their Content-ID and decodes RFC 2231 names', async () => {
    const mail = await parseMail(fixture('inline-image.eml'));
    const [image, pdf] = mail.attachments;
    expect(image).toMatchObject({ contentType: 'image/png', contentId: 'shot1@customer.example', inline: true });
    expect(pdf).toMatchObject({ filename: 'Résumé.pdf', inline: false });
    expect(pdf.content.toString()).toContain('%PDF');
    expect(mail.html).toContain('cid:shot1@customer.example');
    expect(mail.html).not.toContain('onerror');
  });

  it('falls back to the raw body when the multipart structure is broken', async () => {
    const mail = await parseMail(fixture('malformed.eml'));
    expect(mail.text).toContain('no MIME boundaries');
  });

  it('keeps an attached message/rfc822 as one attachment with its raw bytes', async () => {
    const raw = Buffer.from(
      'From: a@x.example\r\nSubject: fw\r\nContent-Type: multipart/mixed; boundary="z"\r\n\r\n--z\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--z\r\nContent-Type: message/rfc822\r\n\r\nFrom: b@y.example\r\nSubject: inner\r\n\r\ninner body\r\n--z--\r\n',
    );
    const mail = await parseMail(raw);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].contentType).toBe('message/rfc822');
    expect(mail.attachments[0].content.toString()).toBe('From: b@y.example\r\nSubject: inner\r\n\r\ninner body');
    expect(mail.text).not.toContain('inner body');
  });
});
