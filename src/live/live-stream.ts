/**
 * One Server-Sent Events connection: replays from the client's last event id, then
 * sends what the bus delivers and the actor may see (event-visibility.ts), each as
 * `id:` (the event id), `event:` (its name) and `data:` (live-event.presenter.ts).
 * A stream holds no database connection; it costs a subscriber entry and its socket.
 */
import type { ServerResponse } from 'node:http';
import type { Db } from '../db/client.ts';
import type { Actor } from '../domain/shared/context.ts';
import { canSeeEvent } from './event-visibility.ts';
import type { LiveBus, LiveEvent, LiveSubscriber } from './live-bus.ts';
import { presentLiveEvent } from './live-event.presenter.ts';
import { findLastEventId, listEventsAfter } from './live.repo.ts';

export interface LiveStreamLimits {
  /** Most events replayed on resume; more and the client gets `event: reset`. */
  maxReplay: number;
  /** A client that lets this much pile up unread is cut (it reconnects and resumes). */
  maxBufferedBytes: number;
}

export class LiveStream implements LiveSubscriber {
  readonly tenantId: string;
  readonly openedAt = Date.now();
  /** The highest event id this stream has processed, sent or filtered out. */
  cursor = 0;
  private sentCursor = -1;
  private buffer: LiveEvent[] | null = [];
  private overflowed = false;
  private closed = false;

  constructor(readonly actor: Actor, private readonly res: ServerResponse, private readonly limits: LiveStreamLimits, private readonly onClose: (s: LiveStream) => void) {
    this.tenantId = actor.tenantId;
    res.once('close', () => this.close());
  }

  get isClosed(): boolean { return this.closed; }

  /** Replays what the client missed, then goes live; `ready` says from which id. */
  async start(bus: LiveBus, db: Db, lastEventId: number | null): Promise<void> {
    await bus.attach(this);
    if (this.closed) return bus.detach(this);
    const last = await findLastEventId(db, this.tenantId);
    const replayed = new Set<number>();
    if (lastEventId !== null && lastEventId > last) this.reset(last, 'unknown_event_id');
    else if (lastEventId !== null) {
      const rows = await listEventsAfter(db, this.tenantId, lastEventId, this.limits.maxReplay + 1);
      if (rows.length > this.limits.maxReplay) this.reset(last, 'too_many_missed');
      else for (const e of await bus.hydrate(this.tenantId, rows)) { replayed.add(e.id); this.send(e); }
      this.cursor = Math.max(this.cursor, lastEventId);
    }
    const buffered = this.buffer ?? [];
    this.buffer = null;
    if (this.overflowed) this.reset(Math.max(last, ...buffered.map((e) => e.id)), 'too_many_missed');
    else for (const e of buffered) if (!replayed.has(e.id)) this.send(e);
    this.cursor = Math.max(this.cursor, last);
    this.write(`id: ${this.cursor}\nevent: ready\ndata: ${JSON.stringify({ last_event_id: this.cursor })}\n\n`);
    this.sentCursor = this.cursor;
  }

  deliver(e: LiveEvent): void {
    if (this.closed) return;
    if (!this.buffer) return this.send(e);
    if (this.buffer.length >= this.limits.maxReplay) this.overflowed = true;
    else this.buffer.push(e);
  }

  reset(lastEventId: number, reason = 'too_many_missed'): void {
    this.cursor = Math.max(this.cursor, lastEventId);
    this.sentCursor = this.cursor;
    this.write(`id: ${this.cursor}\nevent: reset\ndata: ${JSON.stringify({ last_event_id: this.cursor, reason })}\n\n`);
  }

  /** A comment keeps proxies from closing an idle connection; an `id:` line moves the client's cursor past events it may not see. */
  heartbeat(): void {
    const id = this.cursor > this.sentCursor ? `id: ${this.cursor}\n` : '';
    this.sentCursor = Math.max(this.sentCursor, this.cursor);
    this.write(`${id}: ping\n\n`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.res.writableEnded) this.res.end();
    this.onClose(this);
  }

  private send(e: LiveEvent): void {
    this.cursor = Math.max(this.cursor, e.id);
    if (!canSeeEvent(this.actor, e, e.ticket, { customersSeeOrganisation: e.customersSeeOrganisation })) return;
    e.frame ??= `id: ${e.id}\nevent: ${e.name}\ndata: ${JSON.stringify(presentLiveEvent(e, e.ticket))}\n\n`;
    this.sentCursor = e.id;
    this.write(e.frame);
  }

  /** Writes a frame; a client too slow to read is cut rather than buffered without end. */
  write(chunk: string): void {
    if (this.closed || this.res.writableEnded) return;
    if (this.res.writableLength > this.limits.maxBufferedBytes) return this.close();
    this.res.write(chunk);
  }
}
