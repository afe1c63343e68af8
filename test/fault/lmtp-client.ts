/**
 * An MTA as the fault tests need one: one LMTP transaction answered by its reply code, and a
 * sender that retries on a temporary failure (4xx or a broken connection) as Postfix would.
 */
import { connect } from 'node:net';

/** One LMTP transaction for one recipient: the reply code to the message (0 when the connection failed). */
export async function lmtpDeliver(port: number, from: string, to: string, raw: Buffer, timeoutMs = 60_000): Promise<{ code: number; line: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = '';
    let step = 0;
    const done = (code: number, line: string) => { clearTimeout(timer); socket.destroy(); resolve({ code, line }); };
    const timer = setTimeout(() => done(0, 'timed out'), timeoutMs);
    const script = [`LHLO fault.example`, `MAIL FROM:<${from}>`, `RCPT TO:<${to}>`, 'DATA'];
    socket.on('error', (err) => done(0, err.message));
    socket.on('close', () => done(0, 'connection closed'));
    socket.on('data', (c: Buffer) => {
      buffer += c.toString();
      for (let m = /^(\d{3}) .*\r\n/m.exec(buffer); m; m = /^(\d{3}) .*\r\n/m.exec(buffer)) {
        const code = Number(m[1]);
        buffer = buffer.slice(buffer.indexOf(m[0]) + m[0].length);
        const expected = step === 0 || step === 1 || step === 2 || step === 3 ? (step === 0 ? 220 : 250) : step === 4 ? 354 : 0;
        if (step === 5) { socket.write('QUIT\r\n'); return done(code, m[0].trim()); }
        if (code !== expected) { socket.write('QUIT\r\n'); return done(code, m[0].trim()); }
        if (step < 4) socket.write(`${script[step]}\r\n`);
        else socket.write(`${raw.toString('utf8').replace(/\r\n$/, '').replace(/^\./gm, '..')}\r\n.\r\n`);
        step++;
      }
    });
  });
}

export interface SenderStats { attempts: number; temporaryFailures: number; acknowledged: Set<string> }

/** Delivers every message, retrying each after a temporary failure until it gets 250 (or `giveUpAt`). */
export async function sendAll(port: number, to: string, messages: Array<{ id: string; raw: Buffer }>, stats: SenderStats, opts: { concurrency: number; retryMs: number; giveUpAt: number }): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < messages.length) {
      const m = messages[next++]!;
      for (;;) {
        stats.attempts++;
        const r = await lmtpDeliver(port, 'customer@fault.example', to, m.raw);
        if (r.code === 250) { stats.acknowledged.add(m.id); break; }
        if (r.code >= 500) throw new Error(`permanent failure for ${m.id}: ${r.line}`);
        stats.temporaryFailures++;
        if (Date.now() > opts.giveUpAt) throw new Error(`gave up on ${m.id}: ${r.line}`);
        await new Promise((res) => setTimeout(res, opts.retryMs));
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
}
