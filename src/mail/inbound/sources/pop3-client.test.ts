/**
 * The POP3 client's wire handling against a scripted server (byte-exact answers a real
 * server rarely gives: bare LF, lines split across packets, silence), then against a
 * real Dovecot (TLS, STLS, SASL, and that a session without QUIT deletes nothing).
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, startIntrospection, type Dovecot, type Introspection } from '../../../../test/helpers/dovecot.ts';
import { Pop3Client, Pop3Error } from './pop3-client.ts';

type Script = (cmd: string, sock: Socket) => void;

/** A POP3 server that answers each command line with `script`. */
async function scripted(script: Script, greeting = '+OK ready\r\n'): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.write(greeting);
    let buf = '';
    sock.on('data', (c) => {
      buf += c.toString('latin1');
      let at: number;
      while ((at = buf.indexOf('\r\n')) !== -1) {
        const line = buf.slice(0, at);
        buf = buf.slice(at + 2);
        script(line, sock);
      }
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

const plain = (port: number, timeoutMs = 5000) => Pop3Client.connect({ host: '127.0.0.1', port, security: 'none', timeoutMs });

describe('POP3 wire format', () => {
  it('unstuffs dots, keeps 8-bit bytes, accepts bare LF and lines split across packets', async () => {
    const body = Buffer.concat([
      Buffer.from('Subject: dots\r\n\r\n..leading dot\r\n...\r\n..\r\nmid.dle\nbare lf line\r\n'),
      Buffer.from([0xe9, 0x74, 0xe9, 0x0d, 0x0a]), Buffer.from('.\r\n'),
    ]);
    const srv = await scripted((cmd, sock) => {
      if (cmd === 'RETR 1') {
        const all = Buffer.concat([Buffer.from('+OK 99 octets\r\n'), body]);
        // One byte at a time: every line is split across packets.
        let i = 0;
        const drip = () => { if (i < all.length) { sock.write(all.subarray(i, ++i)); setImmediate(drip); } };
        drip();
      } else sock.write('+OK\r\n');
    });
    const c = await plain(srv.port);
    const raw = await c.retr(1);
    expect(raw.toString('latin1')).toBe('Subject: dots\r\n\r\n.leading dot\r\n..\r\n.\r\nmid.dle\r\nbare lf line\r\n\xe9t\xe9\r\n');
    c.close();
    await srv.close();
  });

  it('parses UIDL and LIST, and reports -ERR with the server text', async () => {
    const srv = await scripted((cmd, sock) => {
      if (cmd === 'UIDL') sock.write('+OK\r\n1 abc\r\n2 d:e/f\r\n.\r\n');
      else if (cmd === 'LIST') sock.write('+OK 2 messages\r\n1 120\r\n2 4500\r\n.\r\n');
      else if (cmd === 'STAT') sock.write('+OK 2 4620\r\n');
      else if (cmd === 'DELE 9') sock.write('-ERR no such message\r\n');
      else if (cmd.startsWith('PASS')) sock.write('-ERR [AUTH] Authentication failed.\r\n');
      else sock.write('+OK\r\n');
    });
    const c = await plain(srv.port);
    expect(await c.uidl()).toEqual([{ n: 1, id: 'abc' }, { n: 2, id: 'd:e/f' }]);
    expect([...(await c.list())]).toEqual([[1, 120], [2, 4500]]);
    expect(await c.stat()).toEqual({ count: 2, size: 4620 });
    await expect(c.dele(9)).rejects.toMatchObject({ constructor: Pop3Error, message: 'DELE: no such message', response: '-ERR no such message' });
    await expect(c.login('u', 'secret')).rejects.toThrow('PASS: [AUTH] Authentication failed.');
    await expect(c.login('u\r\nDELE 1', 'x')).rejects.toThrow(/line break/);
    c.close();
    await srv.close();
  });

  it('gives up on a silent server after the timeout, and on an oversized message', async () => {
    const srv = await scripted((cmd, sock) => {
      if (cmd === 'RETR 1') sock.write(`+OK\r\n${'x'.repeat(2000)}\r\n.\r\n`);
      else if (cmd === 'STAT') { /* silence */ } else sock.write('+OK\r\n');
    });
    const c = await plain(srv.port, 300);
    await expect(c.retr(1, 1000)).rejects.toThrow(/over the 1000 byte limit/);
    const d = await plain(srv.port, 300);
    const started = Date.now();
    await expect(d.stat()).rejects.toThrow('no response from the POP3 server in 0.3 s');
    expect(Date.now() - started).toBeLessThan(3000);
    await srv.close();
  });

  it('fails clearly when the server closes the connection or greets with -ERR', async () => {
    const closing = await scripted((_cmd, sock) => sock.destroy());
    const c = await plain(closing.port);
    await expect(c.stat()).rejects.toThrow(/closed the connection/);
    await closing.close();
    const busy = await scripted(() => {}, '-ERR too many connections\r\n');
    await expect(plain(busy.port)).rejects.toThrow(/greeting: too many connections/);
    await busy.close();
  });
});

describe('POP3 against Dovecot', () => {
  let d: Dovecot;
  let intro: Introspection;
  beforeAll(async () => {
    intro = await startIntrospection((token) => (token === 'good-token' ? 'pat' : null));
    d = await startDovecot({ users: [{ name: 'pat', password: 'pw-pat' }], oauth2: { introspectionUrl: intro.url } });
  });
  afterAll(async () => {
    await d?.stop();
    await intro?.close();
  });

  it('logs in over TLS, STLS and SASL, and deletes nothing without QUIT', async () => {
    d.deliver('pat', 'Subject: one\r\n\r\n.hidden dot\r\n');
    d.deliver('pat', 'Subject: two\r\n\r\nbody\r\n');
    const tls = await Pop3Client.connect({ host: '127.0.0.1', port: d.pop3sPort, security: 'tls', tls: { ca: d.ca } });
    await tls.login('pat', 'pw-pat');
    expect(await tls.stat()).toMatchObject({ count: 2 });
    expect((await tls.retr(1)).toString()).toBe('Subject: one\r\n\r\n.hidden dot\r\n');
    await tls.dele(1);
    await tls.dele(2);
    tls.close(); // no QUIT: the deletions are void

    const stls = await Pop3Client.connect({ host: '127.0.0.1', port: d.pop3Port, security: 'starttls', tls: { ca: d.ca } });
    await stls.oauth('XOAUTH2', 'pat', 'good-token');
    expect((await stls.uidl()).length).toBe(2);
    await stls.dele(1);
    await stls.quit();

    const after = await Pop3Client.connect({ host: '127.0.0.1', port: d.pop3Port, security: 'none' });
    await after.oauth('OAUTHBEARER', 'pat', 'good-token');
    expect(await after.stat()).toMatchObject({ count: 1 });
    await after.quit();

    const refused = await Pop3Client.connect({ host: '127.0.0.1', port: d.pop3Port, security: 'none' });
    await expect(refused.oauth('XOAUTH2', 'pat', 'bad-token')).rejects.toThrow(/AUTH XOAUTH2 failed/);
    refused.close();
    await expect(Pop3Client.connect({ host: '127.0.0.1', port: d.pop3sPort, security: 'tls' })).rejects.toThrow(/self[- ]signed|certificate/i);
  });
});
