import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../parse/parse-mail.ts';
import { isAutoReply } from './auto-reply.ts';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/mail');
const load = async (name: string) => parseMail(readFileSync(join(FIXTURES, name)));
const headers = (lines: string) => parseMail(Buffer.from(`From: a@x.example\r\nSubject: Hello\r\n${lines}\r\n\r\nbody\r\n`));

describe('isAutoReply', () => {
  it('flags vacation replies and list mail', async () => {
    expect(isAutoReply(await load('vacation.eml'), null)).toBe(true);
    expect(isAutoReply(await load('list-mail.eml'), null)).toBe(true);
  });

  it('flags Auto-Submitted unless it says no, and Precedence bulk', async () => {
    expect(isAutoReply(await headers('Auto-Submitted: auto-generated'), null)).toBe(true);
    expect(isAutoReply(await headers('Auto-Submitted: no'), null)).toBe(false);
    expect(isAutoReply(await headers('Precedence: bulk'), null)).toBe(true);
  });

  it('does not flag X-Auto-Response-Suppress alone: Outlook sets it on human mail', async () => {
    expect(isAutoReply(await headers('X-Auto-Response-Suppress: All'), null)).toBe(false);
  });

  it('leaves human replies alone', async () => {
    for (const name of ['outlook-reply.eml', 'gmail-reply.eml', 'iphone-reply.eml', 'apple-mail-reply.eml']) {
      expect(isAutoReply(await load(name), null)).toBe(false);
    }
  });

  it('flags localized out-of-office subjects', async () => {
    const mail = await parseMail(Buffer.from('From: b@x.example\r\nSubject: Abwesenheitsnotiz: Angebot\r\n\r\nBin nicht da.\r\n'));
    expect(isAutoReply(mail, null)).toBe(true);
  });
});
