/** An SLA policy as the API shows it (docs/sla.md): the scope spelled out, the JSON columns parsed. */
import type { SlaPolicyRow } from './sla-policies.repo.ts';
import type { PausableStatus, SlaHours, SlaTargets } from './sla-policy-values.ts';

export function presentSlaPolicy(p: SlaPolicyRow) {
  return {
    id: p.id,
    name: p.name,
    scope: p.scope_key.split(':')[0] as 'default' | 'department' | 'organisation',
    department_id: p.department_id,
    organisation_id: p.organisation_id,
    targets: JSON.parse(p.targets) as SlaTargets,
    business_hours: p.business_hours ? (JSON.parse(p.business_hours) as SlaHours) : null,
    time_zone: p.time_zone,
    pause_statuses: JSON.parse(p.pause_statuses) as PausableStatus[],
    near_breach: Number(p.near_breach),
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}
