/**
 * Seeds a fresh database with N tickets: people and tags through the domain commands,
 * then the tickets in batches written directly (see ticket-rows.ts for what they hold),
 * and the tenant's ticket counter set to N so new tickets continue the sequence.
 */
import { getSettings } from '../../src/domain/settings/get-settings.ts';
import type { Runtime } from '../../src/runtime.ts';
import { seedPeople } from './seed-people.ts';
import { RowSource } from './row-source.ts';
import type { TicketBatch } from './ticket-rows.ts';
import { PostgresWriter } from './write-postgres.ts';
import { SqliteWriter } from './write-sqlite.ts';

const BATCH = 5_000;

interface Writer { begin(): Promise<void>; write(b: TicketBatch): Promise<void>; finish(): Promise<void> }

/** Returns the time every seeded ticket was created before (later ones are the benchmark's own). */
export async function seed(rt: Runtime, total: number, log: (line: string) => void): Promise<string> {
  const started = Date.now();
  const tenantId = rt.defaultTenantId;
  const people = await seedPeople(rt, total);
  log(`people: ${people.departments.length} departments, ${people.departments.reduce((n, d) => n + d.agentIds.length, 0)} agents, ` +
    `${people.customers.length} customers, ${people.tags.length} tags in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const settings = await getSettings(rt.db, tenantId);
  const now = Date.now() - 60_000;
  const source = new RowSource({ tenantId, people, numberFormat: settings.ticket_number_format, total, now });
  const writer: Writer = rt.dialect === 'sqlite' ? new SqliteWriter(rt.db, tenantId, log) : new PostgresWriter(rt.db, tenantId, log);
  await writer.begin();
  const t0 = Date.now();
  let rows = 0;
  let reported = 0;
  // The worker generates up to two batches ahead while this thread writes.
  const ranges: Array<[number, number]> = [];
  for (let from = 1; from <= total; from += BATCH) ranges.push([from, Math.min(total + 1, from + BATCH)]);
  const ahead = ranges.slice(0, 2).map(([f, t]) => source.request(f, t));
  try {
    for (let i = 0; i < ranges.length; i++) {
      const batch = await ahead.shift()!;
      if (ranges[i + 2]) ahead.push(source.request(...ranges[i + 2]));
      rows += batch.tickets.length + batch.messages.length + batch.tags.length + batch.recipients.length + 2 * batch.docs.length + batch.events.length;
      await writer.write(batch);
      const done = ranges[i][1] - 1;
      if (done - reported >= total / 10 || done === total) {
        reported = done;
        const s = (Date.now() - t0) / 1000;
        log(`  ${fmt(done)} / ${fmt(total)} tickets, ${fmt(Math.round(done / s))} tickets/s, ${fmt(Math.round(rows / s))} rows/s`);
      }
    }
  } finally {
    await source.close();
  }
  const loadSeconds = (Date.now() - t0) / 1000;
  await writer.finish();
  await rt.db.insertInto('tenant_counters').values({ tenant_id: tenantId, name: 'ticket', value: total })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value: total })).execute();
  const seconds = (Date.now() - started) / 1000;
  log(`seeded ${fmt(total)} tickets (${fmt(rows)} rows) in ${seconds.toFixed(1)} s, ${fmt(Math.round(total / seconds))} tickets/s overall; ` +
    `bulk load ${loadSeconds.toFixed(1)} s (${fmt(Math.round(total / loadSeconds))} tickets/s, ${fmt(Math.round(rows / loadSeconds))} rows/s), then indexes and statistics`);
  return new Date(now).toISOString();
}

export const fmt = (n: number): string => n.toLocaleString('en-US');
