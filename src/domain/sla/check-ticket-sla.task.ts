/**
 * `sla.check_ticket`: the durable timer of a ticket's next near-breach or breach instant
 * (sla-timer.ts); it re-reads the ticket, raises what is due then, and queues the next.
 */
import { z } from 'zod';
import { defineTask } from '../../jobs/define-task.ts';
import { systemCtx, type Services } from '../shared/context.ts';
import { checkTicketSla } from './check-ticket-sla.ts';
import { SLA_CHECK_TASK } from './sla-timer.ts';

export const checkTicketSlaTask = defineTask({
  name: SLA_CHECK_TASK,
  payload: z.object({ ticketId: z.string() }),
  async run(deps: Services, p, job) {
    if (!job.tenantId) return;
    await checkTicketSla(systemCtx(deps, job.tenantId, 'jobs'), p.ticketId);
  },
});
