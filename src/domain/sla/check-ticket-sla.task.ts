/**
 * `sla.check_ticket`: the durable timer of a ticket's near-breach or breach instant
 * (queued by apply-ticket-sla.ts); it re-reads the ticket and raises what is due then.
 */
import { z } from 'zod';
import { defineTask } from '../../jobs/define-task.ts';
import { systemCtx, type Services } from '../shared/context.ts';
import { checkTicketSla } from './check-ticket-sla.ts';

export const checkTicketSlaTask = defineTask({
  name: 'sla.check_ticket',
  payload: z.object({ ticketId: z.string() }),
  async run(deps: Services, p, job) {
    if (!job.tenantId) return;
    await checkTicketSla(systemCtx(deps, job.tenantId, 'jobs'), p.ticketId);
  },
});
