import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { createMailTransport } from './transport.ts';
import { TransportCache } from './transports/transport-cache.ts';

let sink: SmtpSink;
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(async () => { await sink?.close(); });
beforeEach(() => { sink.messages.length = 0; });

const noLog = () => {};
const mail = {
  from: 'Parley <help@parley.example>',
  to: 'rita@example.com',
  subject: 'Reset your password — ¿olvidó su contraseña?',
  text: 'Hello Rita,\n\nopen this link: https://help.example/x?token=abc\n',
  headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
};

describe('createMailTransport over SMTP', () => {
  it('delivers the message with its headers to the SMTP server of the URL', async () => {
    await createMailTransport(sink.url, noLog).send(mail);

    expect(sink.messages).toHaveLength(1);
    const [got] = sink.messages;
    expect(got!.envelope).toEqual({ from: 'help@parley.example', to: ['rita@example.com'] });
    expect(got!.secure).toBe(false);
    const p = got!.parsed;
    expect(p.from?.value).toEqual([{ address: 'help@parley.example', name: 'Parley' }]);
    expect(p.subject).toBe(mail.subject);
    expect(p.text).toBe(mail.text);
    expect(p.headers.get('auto-submitted')).toBe('auto-generated');
    expect(p.headers.get('x-auto-response-suppress')).toBe('All');
    expect(p.messageId).toMatch(/^<[^@<>\s]+@parley\.example>$/);
    expect(p.date).toBeInstanceOf(Date);
  });

  it('upgrades with STARTTLS when the server offers it and the URL does not opt out (and refuses an unverifiable certificate)', async () => {
    const plain = `smtp://127.0.0.1:${sink.port}`;
    await expect(createMailTransport(plain, noLog).send(mail)).rejects.toThrow(/certificate/i);
    expect(sink.messages).toEqual([]);
  });

  it('rejects when the server cannot be reached, so the job that sends is retried', async () => {
    const gone = await startSmtpSink();
    await gone.close();
    await expect(createMailTransport(gone.url, noLog).send(mail)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('createMailTransport without SMTP_URL', () => {
  it('logs what it would have sent and sends nothing', async () => {
    const logged: Array<[string, Record<string, unknown>]> = [];
    await createMailTransport(undefined, (msg, data) => logged.push([msg, data])).send(mail);
    expect(logged).toEqual([['mail not sent: SMTP_URL is not configured', { to: mail.to, subject: mail.subject, text: mail.text }]]);
    expect(sink.messages).toEqual([]);
  });

  it('never logs the body of a mail that carries a credential', async () => {
    const logged: Array<[string, Record<string, unknown>]> = [];
    await createMailTransport(undefined, (msg, data) => logged.push([msg, data])).send({ ...mail, secret: true });
    expect(logged).toEqual([['mail not sent: SMTP_URL is not configured', { to: mail.to, subject: mail.subject, text_withheld: expect.any(String) }]]);
    expect(JSON.stringify(logged)).not.toContain('token=abc');
  });
});

describe('createMailTransport over SMTP with a secret body', () => {
  it('delivers it unchanged (the flag is not a header)', async () => {
    await createMailTransport(sink.url, noLog).send({ ...mail, secret: true });
    expect(sink.messages[0]!.parsed.text).toBe(mail.text);
    expect(sink.messages[0]!.parsed.headers.has('secret')).toBe(false);
  });
});

describe('the cache of transports built from settings', () => {
  const counting = () => {
    const closed: string[] = [];
    const make = (name: string) => () => ({ configured: true, send: async () => {}, close: () => { closed.push(name); } });
    return { closed, make };
  };

  it('reuses the transport of a scope while its version stays, and closes the old one when it changes', () => {
    const cache = new TransportCache();
    const { closed, make } = counting();
    const a = cache.get('t1:0', '1', make('v1'));
    expect(cache.get('t1:0', '1', make('again'))).toBe(a);
    const b = cache.get('t1:0', '2', make('v2'));
    expect(b).not.toBe(a);
    expect(closed).toEqual(['v1']);
    cache.get('t1:3', '1', make('dept'));
    expect(cache.size).toBe(2);
    cache.forget('t1:3');
    expect(closed).toEqual(['v1', 'dept']);
    expect(cache.size).toBe(1);
  });

  it('is closed with the install transport on shutdown, with or without SMTP_URL', () => {
    for (const url of [sink.url, undefined]) {
      const install = createMailTransport(url, noLog);
      const { closed, make } = counting();
      install.cache!.get('t1:0', '1', make('tenant'));
      install.close?.();
      expect(closed).toEqual(['tenant']);
      expect(install.cache!.size).toBe(0);
    }
  });
});
