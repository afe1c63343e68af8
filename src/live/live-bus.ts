/**
 * In-process fan-out of committed events to the streams of this process. A notice
 * (tenant + event id) comes from this process after commit or from another instance
 * through NOTIFY; either way the bus reads the rows itself, once per batch for every
 * stream (the events, the tickets they concern, the tenant's visibility setting), and
 * hands each stream the same loaded event. A poll from the last id seen catches up what
 * no notice announced (another process on SQLite, a NOTIFY lost while the listener was
 * down); more than `maxCatchUp` missed events make the streams reset instead.
 */
import type { Db } from '../db/client.ts';
import type { EventRow } from '../domain/events/events.repo.ts';
import { getSettings } from '../domain/settings/get-settings.ts';
import type { TicketRow } from '../domain/tickets/tickets.repo.ts';
import { findEventsByIds, findLastEventId, findTicketsByIds, listEventsAfter } from './live.repo.ts';

export interface LiveNotice { tenantId: string; id: number }

/** A committed event as every stream receives it, loaded once. */
export interface LiveEvent {
  id: number; tenantId: string; name: string; subjectType: string; subjectId: string;
  actorId: string | null; createdAt: string; payload: Record<string, unknown>;
  /** The ticket the event concerns, as it is now (null: not a ticket event, or gone). */
  ticket: TicketRow | null;
  customersSeeOrganisation: boolean;
  /** The SSE frame, built by the first stream that sends it and reused by the others. */
  frame?: string;
}

export interface LiveSubscriber {
  tenantId: string;
  deliver(e: LiveEvent): void;
  /** Too much was missed to replay: the client must refetch. */
  reset(lastEventId: number): void;
}

type Log = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;

const RECENT_IDS = 10_000;

export class LiveBus {
  private readonly subscribers = new Map<string, Set<LiveSubscriber>>();
  private readonly lastSeen = new Map<string, number>();
  private readonly recent = new Set<number>();
  private pending = new Map<string, Set<number>>();
  private flushing: Promise<void> | null = null;
  private polling: Promise<void> | null = null;

  constructor(private readonly db: Db, private readonly log: Log, private readonly maxCatchUp = 500) {}

  get tenants(): string[] { return [...this.subscribers.keys()]; }

  /** Adds a stream; the first of a tenant starts tracking that tenant's last event id. */
  async attach(sub: LiveSubscriber): Promise<void> {
    let set = this.subscribers.get(sub.tenantId);
    if (!set) this.subscribers.set(sub.tenantId, (set = new Set()));
    set.add(sub);
    if (!this.lastSeen.has(sub.tenantId)) {
      const last = await findLastEventId(this.db, sub.tenantId);
      if (this.subscribers.has(sub.tenantId)) this.lastSeen.set(sub.tenantId, Math.max(last, this.lastSeen.get(sub.tenantId) ?? 0));
    }
  }

  detach(sub: LiveSubscriber): void {
    const set = this.subscribers.get(sub.tenantId);
    if (!set?.delete(sub) || set.size > 0) return;
    this.subscribers.delete(sub.tenantId);
    this.lastSeen.delete(sub.tenantId);
  }

  /** A committed event was announced: loaded and fanned out on the next tick, batched with its neighbours. */
  publish(n: LiveNotice): void {
    if (!this.subscribers.has(n.tenantId) || this.recent.has(n.id)) return;
    let ids = this.pending.get(n.tenantId);
    if (!ids) this.pending.set(n.tenantId, (ids = new Set()));
    ids.add(n.id);
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
  }

  /** Resolves once every announced event has been handed to the streams (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.flushing || this.polling) await (this.flushing ?? this.polling);
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    try {
      for (const [tenantId, ids] of batch) {
        const fresh = [...ids].filter((id) => !this.recent.has(id));
        if (fresh.length === 0 || !this.subscribers.has(tenantId)) continue;
        try {
          this.dispatch(tenantId, await this.hydrate(tenantId, await findEventsByIds(this.db, tenantId, fresh)));
        } catch (err) {
          // The ids are not marked seen: the next poll reads them again from the last id seen.
          this.log('warn', 'live updates: could not read announced events', { err: (err as Error).message });
        }
      }
    } finally {
      this.flushing = this.pending.size > 0 ? Promise.resolve().then(() => this.flush()) : null;
    }
  }

  /** Reads, for every tenant with streams, the events after the last one seen (after a reconnect, or on the poll). */
  catchUp(): Promise<void> {
    this.polling ??= this.pollAll().finally(() => { this.polling = null; });
    return this.polling;
  }

  private async pollAll(): Promise<void> {
    for (const tenantId of this.tenants) {
      const after = this.lastSeen.get(tenantId);
      if (after === undefined) continue;
      try {
        const rows = await listEventsAfter(this.db, tenantId, after, this.maxCatchUp + 1);
        if (rows.length > this.maxCatchUp) {
          const last = await findLastEventId(this.db, tenantId);
          this.lastSeen.set(tenantId, last);
          for (const sub of this.subscribers.get(tenantId) ?? []) sub.reset(last);
          continue;
        }
        this.dispatch(tenantId, await this.hydrate(tenantId, rows.filter((r) => !this.recent.has(Number(r.id)))));
      } catch (err) {
        this.log('warn', 'live updates: catch-up failed; retried on the next poll', { err: (err as Error).message });
      }
    }
  }

  /** Loads what visibility needs for a batch of rows: one query for the tickets, one for the tenant's setting. */
  async hydrate(tenantId: string, rows: EventRow[]): Promise<LiveEvent[]> {
    if (rows.length === 0) return [];
    const ticketIds = [...new Set(rows.filter((r) => r.subject_type === 'ticket').map((r) => r.subject_id))];
    const tickets = await findTicketsByIds(this.db, tenantId, ticketIds);
    const settings = await getSettings(this.db, tenantId);
    return rows.map((r) => ({
      id: Number(r.id), tenantId, name: r.name, subjectType: r.subject_type, subjectId: r.subject_id,
      actorId: r.actor_id, createdAt: r.created_at, payload: parsePayload(r.payload),
      ticket: r.subject_type === 'ticket' ? tickets.get(r.subject_id) ?? null : null,
      customersSeeOrganisation: settings.customers_see_organisation_tickets,
    }));
  }

  private dispatch(tenantId: string, events: LiveEvent[]): void {
    for (const e of events) {
      if (this.recent.has(e.id)) continue;
      this.remember(e.id);
      if (e.id > (this.lastSeen.get(tenantId) ?? Infinity)) this.lastSeen.set(tenantId, e.id);
      for (const sub of this.subscribers.get(tenantId) ?? []) {
        try {
          sub.deliver(e);
        } catch (err) {
          this.log('warn', 'live updates: a stream failed to take an event', { err: (err as Error).message });
        }
      }
    }
  }

  private remember(id: number): void {
    this.recent.add(id);
    if (this.recent.size > RECENT_IDS) this.recent.delete(this.recent.values().next().value!);
  }
}

function parsePayload(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? v as Record<string, unknown> : {};
  } catch {
    return {};
  }
}
