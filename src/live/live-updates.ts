/**
 * Live updates for this process: the streams it serves (counted and limited), the bus
 * that fans committed events out to them, and on PostgreSQL the NOTIFY sent after each
 * commit and the LISTEN connection that hears other instances. One timer serves every
 * stream's heartbeat and lifetime; one poll per tenant with streams is the safety net.
 */
import type { ServerResponse } from 'node:http';
import { sql } from 'kysely';
import type { Db } from '../db/client.ts';
import type { Dialect } from '../db/dialect.ts';
import type { Actor, RecordedEvent } from '../domain/shared/context.ts';
import { DomainError, RateLimitedError } from '../domain/shared/errors.ts';
import { LiveBus } from './live-bus.ts';
import { LiveStream } from './live-stream.ts';
import { PgListener } from './pg-listener.ts';

export const LIVE_CHANNEL = 'parley_events';

export interface LiveOptions {
  /** Streams this process serves at most (503 beyond). */
  maxStreams: number;
  /** Streams one user may hold open at once (429 beyond); a browser needs one. */
  maxStreamsPerUser: number;
  heartbeatMs: number;
  /** The `retry:` hint: how long a client waits before reconnecting. */
  retryMs: number;
  maxReplay: number;
  /** Streams are closed after this long (the client reconnects and resumes), so a revoked account stops hearing. */
  maxLifetimeMs: number;
  /** How often the events of tenants with streams are read in case a notice was missed. */
  pollMs: number;
  maxBufferedBytes: number;
  /** First wait before the LISTEN connection reconnects (doubling, with jitter, up to maxReconnectMs). */
  reconnectMs: number;
  maxReconnectMs: number;
}

type Log = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;

export interface LiveDeps { db: Db; dialect: Dialect; databaseUrl: string | null; log: Log }

/** Thrown when this process serves as many streams as it may: 503 with Retry-After. */
export class StreamsExhaustedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) { super('This server has no room for another live stream; try again shortly.', 503, 'unavailable'); }
}

export class LiveUpdates {
  readonly options: LiveOptions;
  private readonly bus: LiveBus;
  private readonly listener: PgListener | null;
  private readonly streams = new Set<LiveStream>();
  private readonly perUser = new Map<string, number>();
  private ticker: NodeJS.Timeout | null = null;
  private lastBeat = Date.now();
  private lastPoll = Date.now();
  private outgoing = new Map<string, number[]>();
  private notifying: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly deps: LiveDeps, options: Partial<LiveOptions> = {}) {
    this.options = {
      maxStreams: 2000, maxStreamsPerUser: 8, heartbeatMs: 25_000, retryMs: 3000, maxReplay: 500,
      maxLifetimeMs: 15 * 60_000, pollMs: deps.dialect === 'postgres' ? 30_000 : 2000, maxBufferedBytes: 1024 * 1024,
      reconnectMs: 100, maxReconnectMs: 30_000, ...options,
    };
    this.bus = new LiveBus(deps.db, deps.log, this.options.maxReplay);
    this.listener = deps.dialect === 'postgres' && deps.databaseUrl
      ? new PgListener({ url: deps.databaseUrl, channel: LIVE_CHANNEL, log: deps.log, backoff: this.options, onNotify: (p) => this.onNotify(p), onConnected: () => void this.bus.catchUp() })
      : null;
  }

  /** Changes limits and timings at run time (operators, tests). */
  configure(options: Partial<LiveOptions>): void {
    Object.assign(this.options, options);
    if (this.ticker) { clearInterval(this.ticker); this.ticker = null; this.startTicker(); }
  }

  get streamCount(): number { return this.streams.size; }

  /** Whether the LISTEN connection is up (PostgreSQL only). */
  get listening(): boolean { return this.listener?.connected ?? false; }

  /** After a commit: fan out here, and on PostgreSQL tell the other instances (tenant and id only). */
  recorded(e: RecordedEvent): void {
    this.bus.publish({ tenantId: e.tenantId, id: e.id });
    if (!this.listener || this.closed) return;
    const ids = this.outgoing.get(e.tenantId) ?? [];
    this.outgoing.set(e.tenantId, [...ids, e.id]);
    this.notifying ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.notify());
  }

  /**
   * Opens a stream on a response: refuses at once (before a byte is written) when over
   * a limit, else writes the headers and counts it. start() then replays and goes live.
   */
  open(actor: Actor, res: ServerResponse, headers: Record<string, string> = {}): LiveStream {
    if (this.closed || this.streams.size >= this.options.maxStreams) throw new StreamsExhaustedError(Math.ceil(this.options.retryMs / 1000) + 5);
    if ((this.perUser.get(actor.id) ?? 0) >= this.options.maxStreamsPerUser) throw new RateLimitedError(Math.ceil(this.options.retryMs / 1000));
    const stream = new LiveStream(actor, res, this.options, (s) => this.forget(s));
    this.streams.add(stream);
    this.perUser.set(actor.id, (this.perUser.get(actor.id) ?? 0) + 1);
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${this.options.retryMs}\n: connected\n\n`);
    this.listener?.start();
    this.startTicker();
    return stream;
  }

  /** Replays from `lastEventId` and goes live; a failure closes the stream (the client reconnects and resumes). */
  async start(stream: LiveStream, lastEventId: number | null): Promise<void> {
    try {
      await stream.start(this.bus, this.deps.db, lastEventId);
    } catch (err) {
      this.deps.log('warn', 'live updates: a stream could not start', { err: (err as Error).message });
      stream.close();
    }
  }

  /** Every announced event handed to the streams (tests; shutdown). */
  settled(): Promise<void> { return this.bus.settled(); }

  /** Ends every stream, stops listening, and sends the notices still pending. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.ticker) clearInterval(this.ticker);
    for (const s of [...this.streams]) s.close();
    await this.listener?.close();
    while (this.notifying) await this.notifying;
    await this.bus.settled();
  }

  private forget(s: LiveStream): void {
    if (!this.streams.delete(s)) return;
    this.bus.detach(s);
    const n = (this.perUser.get(s.actor.id) ?? 1) - 1;
    if (n > 0) this.perUser.set(s.actor.id, n);
    else this.perUser.delete(s.actor.id);
  }

  private startTicker(): void {
    if (this.ticker || this.closed) return;
    const every = Math.min(this.options.heartbeatMs, this.options.pollMs);
    this.ticker = setInterval(() => this.tick(), every);
    this.ticker.unref();
  }

  private tick(): void {
    const now = Date.now();
    if (this.streams.size === 0) return;
    const beat = now - this.lastBeat >= this.options.heartbeatMs - 5;
    if (beat) this.lastBeat = now;
    for (const s of [...this.streams]) {
      if (now - s.openedAt >= this.options.maxLifetimeMs) s.close();
      else if (beat) s.heartbeat();
    }
    if (now - this.lastPoll >= this.options.pollMs - 5) {
      this.lastPoll = now;
      void this.bus.catchUp();
    }
  }

  private onNotify(payload: string): void {
    const [tenantId, list] = payload.split(':', 2);
    if (!tenantId || !list) return;
    for (const id of list.split(',').map(Number)) if (Number.isSafeInteger(id) && id > 0) this.bus.publish({ tenantId, id });
  }

  /** One NOTIFY per tenant per tick, its ids comma-separated (the payload limit is 8000 bytes: chunks of 400). */
  private async notify(): Promise<void> {
    const batch = this.outgoing;
    this.outgoing = new Map();
    try {
      for (const [tenantId, ids] of batch) {
        for (let i = 0; i < ids.length; i += 400) {
          const payload = `${tenantId}:${ids.slice(i, i + 400).join(',')}`;
          await sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`.execute(this.deps.db).catch((err: Error) => {
            // The other instances' poll reads the event anyway, a little later.
            this.deps.log('warn', 'live updates: NOTIFY failed', { err: err.message });
          });
        }
      }
    } finally {
      this.notifying = this.outgoing.size > 0 ? Promise.resolve().then(() => this.notify()) : null;
    }
  }
}
