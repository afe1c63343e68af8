import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../parse/parse-mail.ts';
import { isAutoReply, judgeAutoReply } from './auto-reply.ts';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/mail');
const load = async (name: string) => parseMail(readFileSync(join(FIXTURES, name)));
const headers = (lines: string) => parseMail(Buffer.from(`From: a@x.example\r\nSubject: Hello\r\n${lines}\r\n\r\nbody\r\n`));

describe('isAutoReply', () => {
  it('flags vacation replies as automatic, and list mail as never to be answered but not automatic', async () => {
    expect(judgeAutoReply(await load('vacation.eml'), null).automatic).toBe(true);
    const list = judgeAutoReply(await load('list-mail.eml'), null);
    expect(list).toMatchObject({ automatic: false, bulk: true });
    expect(isAutoReply(await load('list-mail.eml'), null)).toBe(true);
  });

  it('flags Auto-Submitted unless it says no; Precedence bulk alone is bulk, not automatic', async () => {
    expect(judgeAutoReply(await headers('Auto-Submitted: auto-generated'), null).automatic).toBe(true);
    expect(isAutoReply(await headers('Auto-Submitted: no'), null)).toBe(false);
    expect(judgeAutoReply(await headers('Precedence: bulk'), null)).toMatchObject({ automatic: false, bulk: true });
    expect(judgeAutoReply(await headers('Precedence: auto_reply'), null).automatic).toBe(true);
    expect(judgeAutoReply(await headers('X-Autoreply: yes'), null).automatic).toBe(true);
    expect(judgeAutoReply(await headers('X-Autorespond: on'), null).automatic).toBe(true);
  });

  it('does not flag X-Auto-Response-Suppress alone: Outlook sets it on human mail', async () => {
    expect(isAutoReply(await headers('X-Auto-Response-Suppress: All'), null)).toBe(false);
  });

  it('leaves human replies alone', async () => {
    for (const name of ['outlook-reply.eml', 'gmail-reply.eml', 'iphone-reply.eml', 'apple-mail-reply.eml']) {
      expect(isAutoReply(await load(name), null)).toBe(false);
    }
  });

  it('flags localized out-of-office subjects only when a second sign corroborates them', async () => {
    const alone = await parseMail(Buffer.from('From: b@x.example\r\nSubject: Abwesenheitsnotiz: Angebot\r\n\r\nBin nicht da.\r\n'));
    expect(isAutoReply(alone, null)).toBe(false);
    const corroborated = await parseMail(Buffer.from('From: b@x.example\r\nReturn-Path: <>\r\nSubject: Abwesenheitsnotiz: Angebot\r\n\r\nBin nicht da.\r\n'));
    expect(judgeAutoReply(corroborated, null)).toMatchObject({ automatic: true, weak: { subject: expect.any(String), 'null-sender': 'return-path: <>' } });
  });

  it('never judges customer mail automatic on one weak sign (issue 7 item 4)', async () => {
    for (const name of ['customer-vacation-days.eml', 'customer-absent-technician.eml', 'customer-vpn-oficina.eml', 'customer-spam-flag.eml',
      'customer-feedback-id.eml', 'customer-notifications-sender.eml']) {
      const v = judgeAutoReply(await load(name), null);
      expect(v.automatic, `${name}: ${JSON.stringify(v)}`).toBe(false);
      expect(isAutoReply(await load(name), null), name).toBe(name === 'customer-feedback-id.eml');
    }
  });

  it('still flags mail with two kinds of weak sign, and the standard responders', async () => {
    for (const name of ['newsletter-noreply.eml', 'exchange-oof.eml', 'vacation-auto-submitted.eml']) {
      expect(judgeAutoReply(await load(name), null).automatic, name).toBe(true);
    }
  });
});

describe('auto-reply subjects in more languages', () => {
  it('counts localized automatic-reply subjects as a weak sign', async () => {
    for (const subject of ['Automatická odpověď: Nabídka', 'Αυτόματη απάντηση: Προσφορά', 'Otomatik yanıt: Teklif', '自动答复: 报价', 'Away until May 5']) {
      const mail = await parseMail(Buffer.from(`From: b@x.example\r\nReturn-Path: <>\r\nSubject: ${subject}\r\n\r\nText.\r\n`));
      expect(judgeAutoReply(mail, null).weak.subject, subject).toBeDefined();
    }
  });
});
