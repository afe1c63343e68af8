/**
 * `npm run bench:outbound`: mails per second from the outbox to a local SMTP server on
 * SQLite (target ≥ 200/s, DESIGN.md). Queues N mails (default 2000, `--mails N`) through
 * queueMail, then times the worker delivering all of them over real SMTP on 127.0.0.1 to
 * an smtp-server sink that counts what it receives. Only loopback traffic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config.ts';
import { inTransaction } from '../src/domain/shared/transaction.ts';
import { queueMail } from '../src/mail/outbound/queue-mail.ts';
import { createRuntime } from '../src/runtime.ts';

const arg = process.argv.indexOf('--mails');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 2000;

async function main(): Promise<void> {
  let received = 0;
  const sink = new SMTPServer({
    authOptional: true, logger: false, disabledCommands: ['STARTTLS'], disableReverseLookup: true, closeTimeout: 100,
    onData(stream, _session, callback) { stream.on('data', () => {}); stream.on('end', () => { received++; callback(); }); },
  });
  // A real MTA answers each command in one write; smtp-server writes some in pieces, which
  // Nagle's algorithm and delayed ACKs turn into 40 ms stalls on loopback. Measure Parley, not that.
  sink.server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
  const port = (sink.server.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-outbound-'));
  const rt = await createRuntime(loadConfig({
    NODE_ENV: 'test', PARLEY_DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'parley.db')}`,
    PARLEY_SECRET_KEY: 'bench-secret-key-that-is-long-enough-00000', SMTP_URL: `smtp://127.0.0.1:${port}/?ignoreTLS=true${process.argv.includes('--no-pool') ? '&pool=false' : ''}`,
    PARLEY_BASE_URL: 'https://help.bench.example',
  }), { log: () => {} });
  try {
    const ctx = rt.systemCtx(rt.defaultTenantId);
    // One address per mail, so the send threshold (5 per address per 5 minutes) holds none back.
    const q0 = performance.now();
    for (let i = 0; i < N; i += 100) {
      await inTransaction(ctx, async (tx) => {
        for (let j = i; j < Math.min(N, i + 100); j++) {
          await queueMail(tx, {
            ticketId: null, messageId: null, kind: 'reply', to: [`customer${j}@example.com`], from: 'Soporte <soporte@bench.example>',
            replyTo: 'soporte@bench.example', subject: `[TK-${String(j).padStart(6, '0')}] Re: pedido`, text: `Hola,\n\nrespuesta ${j}.\n`,
            html: `<p>Hola,</p><p>respuesta ${j}.</p>`, inReplyTo: `<m${j}@mail.example.com>`, references: [`<m${j}@mail.example.com>`], automatic: false,
          });
        }
      });
    }
    const queueMs = performance.now() - q0;
    const t0 = performance.now();
    while ((await rt.worker.runOnce()) > 0) { /* deliver until the outbox is empty */ }
    const sendMs = performance.now() - t0;
    const sent = await rt.db.selectFrom('outbound_mails').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow();
    const perSecond = N / (sendMs / 1000);
    console.log(`outbound (SQLite, ${N} mails, one worker, SMTP on loopback)`);
    console.log(`  queue (queueMail, 100 per transaction): ${(N / (queueMs / 1000)).toFixed(0)} mails/s`);
    console.log(`  deliver (outbox → SMTP sink${process.argv.includes('--no-pool') ? ', no pool' : ', pooled'}): ${perSecond.toFixed(0)} mails/s  (target ≥ 200/s: ${perSecond >= 200 ? 'met' : 'NOT met'})`);
    console.log(`  rows sent: ${Number(sent.n)}; mails the sink received: ${received}`);
    if (Number(sent.n) !== N || received !== N) process.exitCode = 1;
  } finally {
    await rt.close();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => { console.error(err); process.exit(1); });
