import { listTenants } from '../tenants/tenants.repo.ts';
import type { Services } from '../shared/context.ts';
import { sweepInactiveTickets, type SweepOptions, type SweepOutcome } from './sweep-inactive-tickets.ts';

/**
 * Seed 002's `prune`: reminds and closes the inactive tickets of one tenant, or of every
 * tenant one after another. The scheduled job and `parley tickets prune` both run it.
 */
export async function pruneInactiveTickets(services: Services, o: SweepOptions & { tenantId?: string } = {}): Promise<SweepOutcome[]> {
  const tenantIds = o.tenantId ? [o.tenantId] : (await listTenants(services.db)).map((t) => t.id);
  const outcomes: SweepOutcome[] = [];
  for (const tenantId of tenantIds) outcomes.push(await sweepInactiveTickets(services, tenantId, o));
  return outcomes;
}
