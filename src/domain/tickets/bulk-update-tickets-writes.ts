/**
 * The writes of a batch of single changes, collected and written together: rows that get
 * the same values in one UPDATE, the thread lines in multi-row INSERTs, the events (and
 * their jobs and live notifications) through recordEvents. What is written is exactly what
 * each ticket's applyTicketUpdate would have written on its own.
 */
import type { Updateable } from 'kysely';
import type { TicketsTable } from '../../db/schema.ts';
import { recordEvents, type DomainEvent } from '../events/record-event.ts';
import type { Ctx } from '../shared/context.ts';
import { messageRow } from './append-message.ts';
import { updateTicketRows } from './bulk-update-tickets.repo.ts';
import { insertMessages, type MessageRow } from './messages.repo.ts';
import { ticketChangeEvents } from './record-ticket-changes.ts';
import { systemLine } from './system-message.ts';
import type { TicketUpdateWrites } from './update-ticket.ts';

export class BatchedTicketWrites implements TicketUpdateWrites {
  private readonly rows = new Map<string, { row: Updateable<TicketsTable>; ids: string[] }>();
  private lines: MessageRow[] = [];
  private events: DomainEvent[] = [];

  constructor(private readonly tx: Ctx) {}

  async updateRow(t: { id: string }, row: Updateable<TicketsTable>): Promise<void> {
    const key = JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)));
    const group = this.rows.get(key) ?? this.rows.set(key, { row, ids: [] }).get(key)!;
    group.ids.push(t.id);
  }

  async addLines(t: { id: string }, lines: string[]): Promise<void> {
    for (const line of lines) this.lines.push(messageRow(this.tx, t.id, systemLine(this.tx, line)));
  }

  async record(t: { id: string; number: string }, changes: Parameters<TicketUpdateWrites['record']>[1]): Promise<void> {
    this.events.push(...ticketChangeEvents(t, changes));
  }

  /** Writes what was collected, in the order one change writes it: rows, thread lines, events. */
  async flush(): Promise<void> {
    const { db, tenantId } = this.tx;
    for (const { row, ids } of this.rows.values()) await updateTicketRows(db, tenantId, ids, row);
    await insertMessages(db, this.lines);
    await recordEvents(this.tx, this.events);
    this.rows.clear();
    this.lines = [];
    this.events = [];
  }
}
