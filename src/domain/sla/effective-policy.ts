/** Which SLA policy governs a ticket: its organisation's, else its department's, else the tenant's default, else the targets of its `sla_targets` setting. */
import type { Db } from '../../db/client.ts';
import { listSlaPoliciesForScopes, type SlaPolicyRow } from './sla-policies.repo.ts';
import { getSettings } from '../settings/get-settings.ts';
import { policyOfSettings, type EffectivePolicy } from './sla-policy-values.ts';

export function policyOfRow(p: SlaPolicyRow): EffectivePolicy {
  return {
    id: p.id, name: p.name, targets: JSON.parse(p.targets), hours: p.business_hours ? JSON.parse(p.business_hours) : null,
    timeZone: p.time_zone, pauseStatuses: JSON.parse(p.pause_statuses), nearBreach: Number(p.near_breach),
  };
}

export async function effectivePolicy(db: Db, tenantId: string, t: { department_id: number; organisation_id: string | null }): Promise<EffectivePolicy> {
  const order = [t.organisation_id ? `organisation:${t.organisation_id}` : null, `department:${t.department_id}`, 'default'].filter((k): k is string => k !== null);
  const rows = await listSlaPoliciesForScopes(db, tenantId, order);
  const best = order.map((key) => rows.find((r) => r.scope_key === key)).find((r) => r !== undefined);
  return best ? policyOfRow(best) : policyOfSettings((await getSettings(db, tenantId)).sla_targets);
}
