/**
 * A real SMTP server (smtp-server) on 127.0.0.1 and a random port that keeps every
 * message it accepts, parsed, for tests of outgoing mail. It offers STARTTLS with
 * smtp-server's self-signed certificate, as a real relay would: a client that should
 * not upgrade has to be told so (`?ignoreTLS=true` in the URL).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string | null; to: string[] };
  /** Whether the session had been upgraded to TLS. */
  secure: boolean;
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  /** The URL to put in SMTP_URL: plain SMTP, no STARTTLS. */
  url: string;
  messages: ReceivedMail[];
  close(): Promise<void>;
}

/** `port`: listen on that port (a server coming back where it was); a random one by default. */
export async function startSmtpSink(o: { port?: number } = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    // Parley keeps pooled connections open: closing the sink ends them instead of waiting 30 s.
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((parsed) => {
          messages.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            secure: session.secure,
            raw: raw.toString('utf8'),
            parsed,
          });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  // A client killed mid-session (kill -9 tests) resets its socket: a real server logs that
  // and goes on; without a listener the emitter would throw it into the test run.
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
