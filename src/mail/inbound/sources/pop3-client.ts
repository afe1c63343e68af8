/**
 * A small POP3 client (RFC 1939, STLS from RFC 2595, AUTH from RFC 5034): just what
 * fetching a mailbox needs. Responses are read as bytes, line by line, so 8-bit mail
 * arrives unchanged; multi-line responses are dot-unstuffed and capped in size. Every
 * command has a timeout, after which the connection is destroyed: a POP3 session
 * that ends without QUIT deletes nothing, so giving up is always safe.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { LineReader } from './pop3-line-reader.ts';

export type Pop3Security = 'tls' | 'starttls' | 'none';

export interface Pop3ConnectOptions {
  host: string;
  port: number;
  security: Pop3Security;
  /** Extra TLS options (a private CA in tests); certificates are always verified. */
  tls?: Pick<ConnectionOptions, 'ca' | 'servername'>;
  timeoutMs?: number;
}

export class Pop3Error extends Error {
  constructor(message: string, readonly response?: string) { super(message); }
}

const CRLF = Buffer.from('\r\n');

export class Pop3Client {
  private reader = new LineReader();
  private socket: Socket | TLSSocket;
  private readonly timeoutMs: number;

  private constructor(socket: Socket, timeoutMs: number) {
    this.socket = socket;
    this.timeoutMs = timeoutMs;
    this.attach(socket);
  }

  static async connect(o: Pop3ConnectOptions): Promise<Pop3Client> {
    const timeoutMs = o.timeoutMs ?? 60_000;
    const tlsOptions = { host: o.host, port: o.port, servername: isIp(o.host) ? undefined : o.host, ...o.tls };
    const socket = o.security === 'tls' ? tlsConnect(tlsOptions) : netConnect({ host: o.host, port: o.port });
    const client = new Pop3Client(socket, timeoutMs);
    try {
      await client.timed(new Promise<void>((resolve, reject) => {
        socket.once(o.security === 'tls' ? 'secureConnect' : 'connect', () => resolve());
        socket.once('error', reject);
      }), 'connect');
      await client.status('greeting');
      if (o.security === 'starttls') await client.startTls(tlsOptions);
      return client;
    } catch (err) {
      client.close();
      throw err;
    }
  }

  /** USER and PASS (after TLS, or on loopback). */
  async login(user: string, password: string): Promise<void> {
    await this.command(`USER ${oneLine(user)}`);
    await this.command(`PASS ${oneLine(password)}`, 'PASS');
  }

  /** SASL XOAUTH2 or OAUTHBEARER with the initial response; a refusal is a Pop3Error. */
  async oauth(mechanism: 'XOAUTH2' | 'OAUTHBEARER', user: string, token: string): Promise<void> {
    const response = mechanism === 'XOAUTH2'
      ? `user=${user}\x01auth=Bearer ${token}\x01\x01`
      : `n,a=${user},\x01auth=Bearer ${token}\x01\x01`;
    this.write(`AUTH ${mechanism} ${Buffer.from(response).toString('base64')}`);
    const line = await this.readLine();
    // A "+ <base64 error>" challenge must be answered with an empty line before the -ERR.
    if (line.startsWith('+ ') || line === '+') {
      this.write(mechanism === 'OAUTHBEARER' ? 'AQ==' : '');
      const final = await this.readLine();
      throw new Pop3Error(`AUTH ${mechanism} failed: ${final.replace(/^-ERR\s*/, '')} ${decodeChallenge(line)}`.trim(), final);
    }
    if (!line.startsWith('+OK')) throw new Pop3Error(`AUTH ${mechanism} failed: ${line.replace(/^-ERR\s*/, '')}`, line);
  }

  async stat(): Promise<{ count: number; size: number }> {
    const [count, size] = (await this.command('STAT')).split(/\s+/).map(Number);
    return { count, size };
  }

  /** Message number and unique id of every message. */
  async uidl(): Promise<Array<{ n: number; id: string }>> {
    return (await this.listLines('UIDL')).map(([n, id]) => ({ n: Number(n), id }));
  }

  /** Message number and size of every message. */
  async list(): Promise<Map<number, number>> {
    return new Map((await this.listLines('LIST')).map(([n, size]) => [Number(n), Number(size)]));
  }

  /** The message's bytes, dot-unstuffed, lines ending in CRLF; more than maxBytes is an error. */
  async retr(n: number, maxBytes = Number.MAX_SAFE_INTEGER): Promise<Buffer> {
    await this.command(`RETR ${n}`);
    return Buffer.concat(await this.multiline(maxBytes));
  }

  async dele(n: number): Promise<void> {
    await this.command(`DELE ${n}`);
  }

  /** Ends the session; only now does the server remove what DELE marked. */
  async quit(): Promise<void> {
    await this.command('QUIT');
    this.close();
  }

  close(): void {
    this.socket.destroy();
  }

  private async startTls(options: ConnectionOptions): Promise<void> {
    await this.command('STLS');
    const plain = this.socket;
    plain.removeAllListeners('data');
    const secure = tlsConnect({ ...options, socket: plain });
    this.reader = new LineReader();
    this.socket = secure;
    this.attach(secure);
    await this.timed(new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    }), 'TLS handshake');
  }

  private attach(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => this.reader.push(chunk));
    socket.on('error', (err) => this.reader.fail(err));
    socket.on('close', () => this.reader.fail(new Pop3Error('the server closed the connection')));
  }

  private write(line: string): void {
    this.socket.write(Buffer.concat([Buffer.from(line, 'utf8'), CRLF]));
  }

  private async readLine(): Promise<string> {
    return (await this.timed(this.reader.next(), 'response')).toString('utf8');
  }

  /** Sends a command and returns the text after "+OK"; "-ERR" is a Pop3Error. */
  private async command(line: string, shown = line): Promise<string> {
    this.write(line);
    return this.status(shown.split(' ')[0]);
  }

  private async status(what: string): Promise<string> {
    const line = await this.readLine();
    if (line.startsWith('+OK')) return line.slice(3).trim();
    throw new Pop3Error(`${what}: ${line.startsWith('-ERR') ? line.slice(4).trim() || '-ERR' : `unexpected response "${line.slice(0, 200)}"`}`, line);
  }

  /** The lines of a multi-line response up to the lone ".", each unstuffed and CRLF-terminated. */
  private async multiline(maxBytes: number): Promise<Buffer[]> {
    const out: Buffer[] = [];
    let size = 0;
    for (;;) {
      // Lines already received are taken without a timer: a large message has a million.
      const line = this.reader.poll() ?? await this.timed(this.reader.next(), 'data');
      if (line.length === 1 && line[0] === 0x2e) return out;
      const body = line[0] === 0x2e ? line.subarray(1) : line;
      size += body.length + 2;
      if (size > maxBytes) {
        this.close();
        throw new Pop3Error(`the response is over the ${maxBytes} byte limit`);
      }
      out.push(body, CRLF);
    }
  }

  /** A list response (UIDL, LIST): one "number value" row per line up to the ".". */
  private async listLines(cmd: 'UIDL' | 'LIST'): Promise<string[][]> {
    await this.command(cmd);
    const lines = await this.multiline(64 * 1024 * 1024);
    const rows: string[][] = [];
    for (let i = 0; i < lines.length; i += 2) {
      const parts = lines[i].toString('utf8').trim().split(/\s+/);
      if (parts.length >= 2 && /^\d+$/.test(parts[0])) rows.push(parts.slice(0, 2));
    }
    return rows;
  }

  private async timed<T>(p: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.close();
        reject(new Pop3Error(`no ${what} from the POP3 server in ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([p, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function oneLine(s: string): string {
  if (/[\r\n]/.test(s)) throw new Pop3Error('a POP3 argument may not contain a line break');
  return s;
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

function decodeChallenge(line: string): string {
  const data = line.slice(1).trim();
  if (!data) return '';
  try { return Buffer.from(data, 'base64').toString('utf8'); } catch { return ''; }
}
