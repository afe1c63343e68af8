import { defineTask } from '../../jobs/define-task.ts';
import { slotPayload } from '../../jobs/schedule.ts';
import type { Services } from '../shared/context.ts';
import { pruneInactiveTickets } from './prune-inactive-tickets.ts';

/**
 * `tickets.prune_inactive` (scheduled every 15 minutes): reminds and closes the inactive
 * tickets of every tenant. A ticket that failed fails the job, so it shows among the
 * failed jobs and is retried; the retry skips what is done already.
 */
export const pruneInactiveTicketsTask = defineTask({
  name: 'tickets.prune_inactive',
  payload: slotPayload,
  async run(deps: Services) {
    const errors: string[] = [];
    const outcomes = await pruneInactiveTickets(deps, { log: (msg, data) => errors.push(`${String(data.ticket)}: ${String(data.err)}`) });
    const failed = outcomes.reduce((n, o) => n + o.failed, 0);
    if (failed > 0) throw new Error(`${failed} inactive ticket(s) could not be reminded or closed: ${errors.slice(0, 5).join('; ')}`);
  },
});
