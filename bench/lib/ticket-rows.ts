/**
 * Generates the rows that createTicket + appendMessage would have written for N tickets
 * of a two-year-old helpdesk, in creation order: the ticket, its first message, tags,
 * CC recipients, the two search documents and the two events. Column values follow the
 * commands exactly (UUIDv7 ids whose time is the creation time, JSON text fields, the
 * events' payloads); statuses and timestamps follow what later replies and status
 * changes would have left (most old tickets closed, the backlog recent).
 */
import type { Insertable } from 'kysely';
import type { EventsTable, MessagesTable, TicketsTable } from '../../src/db/schema.ts';
import { formatTicketNumber } from '../../src/domain/tickets/ticket-number.ts';
import { Prng, Zipf } from './prng.ts';
import type { SeedPeople } from './seed-people.ts';
import type { Vocabulary } from './vocabulary.ts';

export interface SearchDoc { ticketId: string; sourceId: string; text: string }
export interface TicketBatch {
  tickets: Array<Insertable<TicketsTable>>;
  messages: Array<Insertable<MessagesTable>>;
  tags: Array<{ tenant_id: string; ticket_id: string; tag_id: number }>;
  recipients: Array<{ tenant_id: string; ticket_id: string; address: string }>;
  docs: SearchDoc[];
  events: Array<Insertable<EventsTable>>;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SPAN = 730 * DAY;
const PRIORITIES = [['low', 20], ['medium', 45], ['high', 22], ['urgent', 9], ['critical', 4]] as const;
const ACTIVE = [['new', 20], ['open', 45], ['pending', 20], ['on_hold', 15]] as const;
const CHANNELS = [['email', 60], ['web', 30], ['api', 10]] as const;
const TAG_COUNTS = [[0, 45], [1, 35], [2, 15], [3, 5]] as const;

export interface RowContext { tenantId: string; people: SeedPeople; vocab: Vocabulary; numberFormat: string; total: number; now: number }

export class TicketRowGenerator {
  private readonly rng = new Prng(1_000_003);
  private readonly ids = new IdMaker(this.rng);
  private readonly customerZipf: Zipf;
  private readonly tagZipf: Zipf;
  private readonly departments: ReadonlyArray<readonly [SeedPeople['departments'][number], number]>;
  private readonly start: number;

  constructor(private readonly c: RowContext) {
    this.customerZipf = new Zipf(c.people.customers.length, 0.8);
    this.tagZipf = new Zipf(c.people.tags.length, 1);
    this.departments = c.people.departments.map((d) => [d, d.weight] as const);
    this.start = c.now - SPAN;
  }

  /** Tickets with sequence numbers from..to-1 (1-based), created in that order. */
  batch(from: number, to: number): TicketBatch {
    const b: TicketBatch = { tickets: [], messages: [], tags: [], recipients: [], docs: [], events: [] };
    for (let seq = from; seq < to; seq++) this.ticket(seq, b);
    return b;
  }

  private ticket(seq: number, b: TicketBatch): void {
    const { rng, c } = this;
    const tenant = c.tenantId;
    // Volume doubles over the two years: density ∝ 1 + u, inverted from its CDF.
    const q = (seq - 1 + rng.next()) / c.total;
    const created = Math.floor(this.start + SPAN * (Math.sqrt(1 + 3 * q) - 1));
    const ageDays = (c.now - created) / DAY;
    const dep = rng.weighted(this.departments);
    const requester = c.people.customers[this.customerZipf.sample(rng)];
    const channel = rng.weighted(CHANNELS);
    const status = rng.chance(Math.min(1, 0.85 * Math.exp(-ageDays / 10) + 0.02)) ? rng.weighted(ACTIVE)
      : rng.chance(0.6 * Math.exp(-ageDays / 5) + 0.02) ? 'resolved' : 'closed';
    const assigned = status === 'new' ? rng.chance(0.15) : rng.chance(0.95);
    const cap = (t: number) => Math.min(c.now - 1000, Math.round(t));
    const firstResponse = status !== 'new' && rng.chance(0.95) ? cap(created + rng.logNormal(2 * HOUR, 1.2)) : null;
    let resolved: number | null = null;
    let closed: number | null = null;
    if (status === 'resolved' || status === 'closed') {
      resolved = cap(Math.max(firstResponse ?? created, created + rng.logNormal(1.5 * DAY, 1)));
      if (status === 'closed') closed = rng.chance(0.3) ? resolved : cap(resolved + rng.logNormal(3 * DAY, 0.7));
    }
    const updated = Math.max(created, firstResponse ?? 0, resolved ?? 0, closed ?? 0,
      status === 'new' ? created : cap(created + (c.now - created) * rng.next() ** 3));
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    const createdAt = iso(created)!;
    const lang = c.vocab.pickLang(rng);
    const subject = c.vocab.subject(lang, rng);
    const id = this.ids.at(created);
    const number = formatTicketNumber(c.numberFormat, seq, new Date(created));
    const assigneeId = assigned && dep.agentIds.length ? rng.pick(dep.agentIds) : null;
    b.tickets.push({
      id, tenant_id: tenant, number, subject, status, priority: rng.weighted(PRIORITIES),
      department_id: dep.id, requester_id: requester.id, assignee_id: assigneeId, organisation_id: requester.organisationId,
      category: rng.chance(0.6) ? dep.category : null, resolution: status === 'resolved' || status === 'closed' ? (rng.chance(0.8) ? 'fixed' : 'works_for_me') : null,
      channel, created_at: createdAt, updated_at: iso(updated)!,
      first_response_at: iso(firstResponse), resolved_at: iso(resolved), closed_at: iso(closed),
    });
    const tagCount = rng.weighted(TAG_COUNTS);
    const tagIds = new Set<number>();
    while (tagIds.size < tagCount) tagIds.add(c.people.tags[this.tagZipf.sample(rng)].id);
    for (const tag_id of tagIds) b.tags.push({ tenant_id: tenant, ticket_id: id, tag_id });
    if (channel === 'email' && rng.chance(0.1)) {
      const domain = requester.email.split('@')[1];
      for (let r = 1 + rng.int(2); r > 0; r--) b.recipients.push({ tenant_id: tenant, ticket_id: id, address: `cc${r}.${seq}@${domain}` });
    }
    b.docs.push({ ticketId: id, sourceId: `ticket:${id}`, text: `${number} ${subject}` });

    const paragraphs = c.vocab.body(lang, rng);
    const body = paragraphs.join('\n\n');
    const messageId = this.ids.at(created);
    const email = channel === 'email';
    const actorId = channel === 'web' ? requester.id : channel === 'api' ? c.people.adminId : null;
    b.messages.push({
      id: messageId, tenant_id: tenant, ticket_id: id, message_type: 'reply', channel, author_id: actorId ?? requester.id,
      body, body_html: email && rng.chance(0.7) ? `<div dir="ltr">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div>` : null,
      quoted_text: null,
      email_message_id: email ? `<${rng.hex(8)}.${seq}@mail.${requester.email.split('@')[1]}>` : null,
      email_in_reply_to: null,
      email_references: email ? '[]' : null,
      email_headers: email ? JSON.stringify({ from: requester.email, to: `${dep.slug}@parley.test`, subject, date: new Date(created).toUTCString() }) : null,
      time_spent: null, created_at: createdAt,
    });
    b.docs.push({ ticketId: id, sourceId: `message:${messageId}`, text: body });

    const source = channel === 'email' ? 'email' : channel;
    const requestId = channel === 'email' ? null : uuid4(rng);
    const event = (name: string, payload: Record<string, unknown>): Insertable<EventsTable> => ({
      tenant_id: tenant, name, subject_type: 'ticket', subject_id: id, actor_id: actorId,
      source, request_id: requestId, payload: JSON.stringify(payload), created_at: createdAt,
    });
    b.events.push(event('ticket.created', { number, status: 'new', priority: b.tickets[b.tickets.length - 1].priority, department_id: dep.id, requester_id: requester.id, assignee_id: assigneeId, channel }));
    b.events.push(event('message.created', { message_id: messageId, message_type: 'reply', channel, author_id: actorId ?? requester.id, attachments: 0 }));
  }
}

/** UUIDv7 as src/domain/shared/clock.ts makes them, for a given creation time. */
class IdMaker {
  private lastMs = 0;
  private seq = 0;
  constructor(private readonly rng: Prng) {}

  at(time: number): string {
    let ms = time;
    if (ms <= this.lastMs) {
      this.seq++;
      if (this.seq > 0xfff) { this.lastMs++; this.seq = 0; }
      ms = this.lastMs;
    } else {
      this.lastMs = ms;
      this.seq = this.rng.int(0x80);
    }
    const h = ms.toString(16).padStart(12, '0') + (0x7000 | this.seq).toString(16)
      + ((this.rng.int(0x40) | 0x80).toString(16)) + this.rng.hex(7);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

function uuid4(rng: Prng): string {
  const h = rng.hex(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
