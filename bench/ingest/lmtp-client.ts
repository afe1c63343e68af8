/**
 * A minimal LMTP client for the benchmark, behaving as an MTA's does (TCP_NODELAY, one
 * command, one reply). nodemailer's client leaves Nagle on, and its final "." waits out
 * the server's delayed ACK, which would measure the client rather than Parley.
 */
import { connect, type Socket } from 'node:net';

export class LmtpClient {
  private buffer = '';
  private waiting: Array<(line: string) => void> = [];

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (d) => {
      this.buffer += d;
      const lines = this.buffer.split('\r\n');
      this.buffer = lines.pop()!;
      for (const line of lines) if (/^\d{3} /.test(line)) this.waiting.shift()?.(line);
    });
  }

  static async open(port: number): Promise<LmtpClient> {
    const client = new LmtpClient(connect(port, '127.0.0.1'));
    await client.expect(220);
    await client.command('LHLO bench.example', 250);
    return client;
  }

  async deliver(from: string, to: string, raw: Buffer): Promise<void> {
    await this.command(`MAIL FROM:<${from}>`, 250);
    await this.command(`RCPT TO:<${to}>`, 250);
    await this.command('DATA', 354);
    const body = raw.toString('latin1').replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    this.socket.write(Buffer.from(`${body.endsWith('\r\n') ? body : `${body}\r\n`}.\r\n`, 'latin1'));
    await this.expect(250);
  }

  close(): void {
    this.socket.end('QUIT\r\n');
  }

  private async command(line: string, code: number): Promise<void> {
    this.socket.write(`${line}\r\n`);
    await this.expect(code);
  }

  private expect(code: number): Promise<void> {
    return new Promise((resolve, reject) => this.waiting.push((line) => (line.startsWith(String(code)) ? resolve() : reject(new Error(line)))));
  }
}
