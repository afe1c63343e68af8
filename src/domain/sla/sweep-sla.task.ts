/**
 * `sla.sweep` (every 5 minutes, src/jobs/schedule.ts): the safety net under the timers.
 * Checks every ticket whose next SLA mark has passed (sla_next_check_at, indexed per
 * tenant), so an alert whose job was lost or cleaned up still fires; a check raises
 * nothing twice (check-ticket-sla.ts).
 */
import { defineTask } from '../../jobs/define-task.ts';
import { slotPayload } from '../../jobs/schedule.ts';
import { systemCtx, type Services } from '../shared/context.ts';
import { listTenants } from '../tenants/tenants.repo.ts';
import { checkTicketSla } from './check-ticket-sla.ts';
import { listTicketsDueForCheck } from './sla-policies.repo.ts';

/** Tickets checked per tenant per batch. */
const BATCH = 200;

/** Checks every due ticket of every tenant; answers how many were checked. */
export async function sweepSla(deps: Services, now = Date.now()): Promise<number> {
  let checked = 0;
  const at = new Date(now).toISOString();
  for (const tenant of await listTenants(deps.db)) {
    const ctx = systemCtx(deps, tenant.id, 'jobs');
    for (;;) {
      const ids = await listTicketsDueForCheck(deps.db, tenant.id, at, BATCH);
      for (const id of ids) await checkTicketSla(ctx, id, now);
      checked += ids.length;
      if (ids.length < BATCH) break;
    }
  }
  return checked;
}

export const sweepSlaTask = defineTask({
  name: 'sla.sweep',
  payload: slotPayload,
  async run(deps: Services) {
    await sweepSla(deps);
  },
});
