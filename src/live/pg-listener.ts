/**
 * The dedicated PostgreSQL connection that LISTENs for events committed by other
 * instances. It outlives the database going away: an 'error' listener for its whole
 * life (an unhandled one would crash the process: issue 7), reconnection with capped
 * exponential backoff and jitter, and `onConnected` after every (re)connect so the
 * caller catches up what was committed while nobody listened.
 */
import pg from 'pg';

type Log = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;

export interface PgListenerOptions {
  url: string;
  channel: string;
  onNotify: (payload: string) => void;
  onConnected: () => void;
  log: Log;
  connectTimeoutMs?: number;
  /** Read at every retry, so it can be tuned while running. */
  backoff?: { reconnectMs: number; maxReconnectMs: number };
}

export class PgListener {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  private started = false;

  constructor(private readonly o: PgListenerOptions) {}

  /** Connects (once; later calls do nothing) and keeps the connection up until close(). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.connect();
  }

  get connected(): boolean { return this.client !== null; }

  private async connect(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.o.url, keepAlive: true, connectionTimeoutMillis: this.o.connectTimeoutMs ?? 5000 });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) {
        this.client = null;
        if (!this.stopped) this.o.log('warn', 'live updates: listener connection lost; reconnecting', { err: err?.message });
      }
      client.end().catch(() => {});
      this.retry();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (msg) => { if (msg.channel === this.o.channel && msg.payload) this.o.onNotify(msg.payload); });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.o.channel)}`);
    } catch (err) {
      if (this.failures === 0 || isPowerOfTwo(this.failures)) this.o.log('warn', 'live updates: cannot listen; retrying', { err: (err as Error).message, attempt: this.failures + 1 });
      onLost(err as Error);
      return;
    }
    if (this.stopped || lost) { client.end().catch(() => {}); return; }
    if (this.failures > 0) this.o.log('info', 'live updates: listening again', { attempts: this.failures });
    this.failures = 0;
    this.client = client;
    this.o.onConnected();
  }

  private retry(): void {
    if (this.stopped || this.timer) return;
    const { reconnectMs, maxReconnectMs } = this.o.backoff ?? { reconnectMs: 100, maxReconnectMs: 30_000 };
    const base = Math.min(maxReconnectMs, reconnectMs * 2 ** Math.min(this.failures++, 20));
    this.timer = setTimeout(() => void this.connect(), base / 2 + Math.random() * base / 2);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    if (c) await Promise.race([c.end().catch(() => {}), new Promise((r) => setTimeout(r, 2000).unref())]);
  }
}

const isPowerOfTwo = (n: number) => (n & (n - 1)) === 0;
