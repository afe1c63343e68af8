import { describe, expect, it } from 'vitest';
import { parseMail } from './parse-mail.ts';

// One attachment per message; its headers are what each case varies.
const withPart = (headers: Buffer | string, body = 'aGVsbG8=', encoding = 'base64') =>
  parseMail(Buffer.concat([
    Buffer.from('From: a@x.example\r\nTo: "desk@parley.example" <desk@parley.example>\r\nSubject: t\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n--B\r\n'),
    Buffer.isBuffer(headers) ? headers : Buffer.from(headers),
    Buffer.from(`\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n${body}\r\n--B--\r\n`),
  ]));
const nameOf = async (headers: Buffer | string) => (await withPart(headers)).attachments[0]?.filename;
const bytes = (text: string, encoding: string) => Buffer.from(new Uint8Array([...text].map((c) => encoding === 'cp1251' ? c.charCodeAt(0) - 0x350 : c.charCodeAt(0))));

describe('attachment names in odd encodings', () => {
  it('decodes RFC 2231 names in legacy charsets and continuations', async () => {
    expect(await nameOf("Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename*=iso-8859-2''%BFa%BC%F1.txt")).toBe('żaźń.txt');
    expect(await nameOf("Content-Type: application/pdf\r\nContent-Disposition: attachment; filename*=koi8-r''%F3%DE%C5%D4.pdf")).toBe('Счет.pdf');
    expect(await nameOf("Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n filename*0*=utf-8''%C3%BCber;\r\n filename*1*=%20die%20Br%C3%BCcke.pdf")).toBe('über die Brücke.pdf');
  });

  it('decodes encoded-word names in Cyrillic, Japanese and Chinese charsets', async () => {
    expect(await nameOf('Content-Type: text/plain\r\nContent-Disposition: attachment; filename="=?windows-1251?B?z+jx/OzuLnR4dA==?="')).toBe('Письмо.txt');
    expect(await nameOf('Content-Type: text/plain\r\nContent-Disposition: attachment; filename="=?shift_jis?B?k/qWe4zqLnR4dA==?="')).toBe('日本語.txt');
    expect(await nameOf('Content-Type: text/plain\r\nContent-Disposition: attachment; filename="=?gb18030?B?1tDOxC50eHQ=?="')).toBe('中文.txt');
  });

  it('takes an encoded name given only on Content-Type', async () => {
    expect(await nameOf('Content-Type: application/pdf; name="=?iso-8859-15?Q?Rechnung_=A4.pdf?="')).toBe('Rechnung €.pdf');
  });

  it('reads raw 8-bit names as UTF-8 when they are, else in the declared charset', async () => {
    const utf8 = Buffer.concat([Buffer.from('Content-Type: text/plain\r\nContent-Disposition: attachment; filename="'), Buffer.from('Größe.txt'), Buffer.from('"')]);
    expect(await nameOf(utf8)).toBe('Größe.txt');
    const latin1 = Buffer.concat([Buffer.from('Content-Type: text/plain\r\nContent-Disposition: attachment; filename="'), Buffer.from('Größe.txt', 'latin1'), Buffer.from('"')]);
    expect(await nameOf(latin1)).toBe('Größe.txt');
    const cp1251 = Buffer.concat([Buffer.from('Content-Type: text/plain; charset=windows-1251\r\nContent-Disposition: attachment; filename="'), bytes('Счет', 'cp1251'), Buffer.from('.txt"')]);
    expect(await nameOf(cp1251)).toBe('Счет.txt');
  });
});

describe('other MIME oddities', () => {
  it('decodes a uuencoded part (with or without its begin line)', async () => {
    const bare = await withPart('Content-Type: text/plain\r\nContent-Disposition: attachment; filename="a.txt"', ',2&5L;&\\@6F%M;6%D\r\n`', 'x-uuencode');
    expect(bare.attachments[0].content.toString()).toBe('Hello Zammad');
    const begun = await withPart('Content-Type: text/plain\r\nContent-Disposition: attachment; filename="a.txt"', 'begin 644 a.txt\r\n,2&5L;&\\@6F%M;6%D\r\n`\r\nend', 'x-uuencode');
    expect(begun.attachments[0].size).toBe(12);
  });

  it('keeps a display name that is the address itself', async () => {
    const mail = await withPart('Content-Type: text/plain\r\nContent-Disposition: attachment; filename="a.txt"');
    expect(mail.to).toEqual([{ address: 'desk@parley.example', name: 'desk@parley.example' }]);
  });

  it('reads text parts in unusual charsets', async () => {
    const koi8 = Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]); // Привет
    const mail = await parseMail(Buffer.concat([Buffer.from('From: a@x.example\r\nSubject: t\r\nContent-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'), koi8]));
    expect(mail.text.trim()).toBe('Привет');
    const big5 = await parseMail(Buffer.from('From: a@x.example\r\nSubject: t\r\nContent-Type: text/plain; charset=big5\r\nContent-Transfer-Encoding: base64\r\n\r\npKSk5Q==\r\n'));
    expect(big5.text.trim()).toBe('中文');
  });
});
