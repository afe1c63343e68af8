import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../parse/parse-mail.ts';
import { detectForward } from './forwarded.ts';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/mail');
const load = async (name: string) => parseMail(readFileSync(join(FIXTURES, name)));
const message = (subject: string, body: string) =>
  parseMail(Buffer.from(`From: agent@parley.example\r\nSubject: ${subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`));

describe('detectForward', () => {
  it('reads a Gmail forward', async () => {
    expect(detectForward(await load('gmail-forward.eml'))).toMatchObject({
      from: { address: 'jane.roe@shop.example', name: 'Jane Roe' },
      subject: 'Broken order 7781',
    });
  });

  it('reads an Outlook forward announced by the FW: subject', async () => {
    expect(detectForward(await load('outlook-forward.eml'))?.from).toEqual({ address: 'bob@client.example', name: 'Bob Example' });
  });

  it('reads a quoted Apple Mail forward below a note', async () => {
    expect(detectForward(await load('apple-forward.eml'))?.from?.name).toBe('Carla Diaz');
  });

  it('reads a German Thunderbird forward', async () => {
    const mail = await message('Integer', '-------- Weitergeleitete Nachricht --------\nBetreff: \tAngebot\nDatum: \tMon, 4 Mar 2024\nVon: \tEva Muster <eva@x.example>\nAn: \tb@y.example\n\nText\n');
    expect(detectForward(mail)).toMatchObject({ from: { address: 'eva@x.example', name: 'Eva Muster' }, subject: 'Angebot' });
  });

  it('takes the sender of an attribution when the subject says TR:', async () => {
    const mail = await message('TR: Devis', 'Le 28/10/2021 12:46, « Jean Dupont » <jean@x.example> a écrit :\n\n    Bonjour\n');
    expect(detectForward(mail)).toMatchObject({ from: { address: 'jean@x.example', name: 'Jean Dupont' }, subject: 'Devis' });
  });

  it('does not call a reply with a quoted header a forward', async () => {
    expect(detectForward(await load('outlook-reply.eml'))).toBeNull();
    const mail = await message('Re: Devis', 'Ok\n\nFrom: Jean <jean@x.example>\nSent: Monday\nTo: a@b.example\nSubject: Devis\n\nBonjour\n');
    expect(detectForward(mail)).toBeNull();
  });
});
