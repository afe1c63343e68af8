import { pruneInactiveTickets } from '../../domain/inactivity/prune-inactive-tickets.ts';
import { listTenants } from '../../domain/tenants/tenants.repo.ts';
import { parseFlags } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { withRuntime } from '../with-runtime.ts';

/** Seed 002's `prune`: what the scheduled job does every 15 minutes, now. */
export const ticketsPruneCommand: CliCommand = {
  name: 'tickets prune',
  summary: 'Remind and close inactive tickets now (close_inactive_tickets)',
  help: `Usage: parley tickets prune [--tenant SLUG] [--json]

Reminds and closes the inactive tickets of every tenant, one after another, or only
of --tenant, following each tenant's settings (close_inactive_tickets,
close_ticket_after_days, send_ticket_close_reminder, reminder_before_ticket_close_days,
inactive_ticket_statuses). The server does the same every 15 minutes; running it again,
or at the same time on another instance, never reminds or closes a ticket twice.
Prints one line per tenant ("default: reminded 2, closed 1"), or with --json one JSON
object with the totals and each tenant's figures. Exits 1 when a ticket could not be
reminded or closed, or the tenant is unknown.`,
  async run(args, io) {
    const { values } = parseFlags(args, { tenant: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    return withRuntime(async (rt) => {
      const tenants = await listTenants(rt.db);
      const tenant = values.tenant === undefined ? undefined : tenants.find((t) => t.slug === values.tenant);
      if (values.tenant !== undefined && !tenant) { io.stderr.write(`parley: no tenant with slug "${values.tenant}" (see: parley tenant list)\n`); return 1; }
      const slugOf = (id: string) => tenants.find((t) => t.id === id)?.slug ?? id;
      const outcomes = await pruneInactiveTickets(rt, {
        tenantId: tenant?.id,
        log: (msg, data) => io.stderr.write(`parley: ${slugOf(String(data.tenantId))} ${String(data.ticket)}: ${msg}: ${String(data.err)}\n`),
      });
      const rows = outcomes.map((o) => ({ tenant: slugOf(o.tenantId), reminded: o.reminded, closed: o.closed, failed: o.failed }));
      const total = (k: 'reminded' | 'closed' | 'failed') => rows.reduce((n, r) => n + r[k], 0);
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ reminded: total('reminded'), closed: total('closed'), failed: total('failed'), tenants: rows })}\n`);
      } else {
        for (const r of rows) io.stdout.write(`${r.tenant}: reminded ${r.reminded}, closed ${r.closed}${r.failed ? `, FAILED ${r.failed}` : ''}\n`);
      }
      return total('failed') > 0 ? 1 : 0;
    });
  },
};
