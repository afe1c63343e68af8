import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { parseMail } from './parse-mail.ts';
import { canonicalCharset, decodeCharset } from './charset-decoder.ts';

// [declared label, how the bytes were really written, text]
const CASES: Array<[string, string, string]> = [
  ['gb2312', 'gb18030', '中文€'], ['iso-8859-1', 'win1252', 'Quote “this” – 5 €'], ['8859-1', 'latin1', 'Größe'], ['cp-1252', 'win1252', 'Größe €'],
  ['iso-8859-8-i', 'iso-8859-8', 'שלום'], ['x-mac-roman', 'macintosh', 'Größe'], ['tis-620', 'tis620', 'สวัสดี'], ['big5-hkscs', 'big5hkscs', '中文'],
  ['koi8-u', 'koi8-u', 'Привіт'], ['cp866', 'cp866', 'Привет'], ['unicode-1-1-utf-7', 'utf7', 'Größe'], ['cp850', 'cp850', 'Größe'],
  ['windows-1250', 'win1250', 'Žluťoučký kůň'], ['iso-8859-9', 'iso-8859-9', 'Türkçe ığüşöç'], ['windows-1256', 'win1256', 'مرحبا'],
  ['ks_c_5601-1987', 'cp949', '안녕하세요'], ['euc-jp', 'euc-jp', 'こんにちは'], ['shift_jis', 'cp932', '①㈱'],
  ['x-unknown', 'utf8', 'Größe'], ['x-unknown', 'win1252', 'Größe'],
];

describe('text parts in unusual charsets', () => {
  it.each(CASES)('reads a part labelled %s (written as %s)', async (declared, real, text) => {
    const body = iconv.encode(text, real).toString('base64');
    const mail = await parseMail(Buffer.from(`From: a@x.example\r\nSubject: t\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=${declared}\r\nContent-Transfer-Encoding: base64\r\n\r\n${body}\r\n`));
    expect(mail.text.trim()).toBe(text);
  });

  it('reads ISO-2022-JP with the NEC special characters', () => {
    expect(decodeCharset(Buffer.from([0x1b, 0x24, 0x42, 0x2d, 0x21, 0x24, 0x33, 0x1b, 0x28, 0x42, 0x41]), 'ISO-2022-JP')).toBe('①こA');
  });

  it('reads UTF-8 bytes under a label that cannot hold them', () => {
    expect(decodeCharset(Buffer.from('メールエラー通知'), 'iso-2022-jp')).toBe('メールエラー通知');
  });

  it('names the superset a label stands for', () => {
    expect(canonicalCharset('GB2312')).toBe('gb18030');
    expect(canonicalCharset('"Shift_JIS"')).toBe('cp932');
    expect(canonicalCharset('iso8859-2')).toBe('iso-8859-2');
    expect(canonicalCharset('win-1251')).toBe('windows-1251');
  });

  it('reads raw 8-bit header fields in the declared charset, else windows-1252', async () => {
    const message = (subject: Buffer, name: Buffer, charset: string) => Buffer.concat([Buffer.from('From: '), name, Buffer.from(' <a@x.example>\r\nSubject: '), subject,
      Buffer.from(`\r\nContent-Type: text/plain; charset=${charset}\r\n\r\nhi\r\n`)]);
    const latin = await parseMail(message(Buffer.from('Größe', 'latin1'), Buffer.from('Jürgen Müller', 'latin1'), 'utf-8'));
    expect([latin.subject, latin.from?.name]).toEqual(['Größe', 'Jürgen Müller']);
    const cyrillic = await parseMail(message(iconv.encode('Привет', 'win1251'), iconv.encode('Иван', 'win1251'), 'windows-1251'));
    expect([cyrillic.subject, cyrillic.from?.name]).toEqual(['Привет', 'Иван']);
    const utf8 = await parseMail(message(Buffer.from('Größe — ok'), Buffer.from('Jürgen'), 'utf-8'));
    expect(utf8.subject).toBe('Größe — ok');
  });
});
