/**
 * The commands on a tenant's SLA policies (docs/sla.md): create, change and delete, each
 * an audit event (`sla_policy.saved`, `sla_policy.deleted`); read for staff. One policy per
 * scope: the tenant's default, one department, one organisation. A saved policy applies to
 * tickets created afterwards at once, and to the open tickets of its scope (the old and the
 * new one, on a change of scope) through `sla.recompute_policy`, queued in the save's
 * transaction (recompute-policy-sla.task.ts).
 */
import { findOrganisationById } from '../organisations/organisations.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { newId, nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { checkDepartment } from '../tickets/ticket-field-checks.ts';
import { businessHoursSchema } from './business-calendar.ts';
import { queuePolicySlaRecompute } from './recompute-policy-sla.task.ts';
import { authorizeSlaPolicy } from './sla-policy.policy.ts';
import { lockSlaPolicies } from './sla-recompute.repo.ts';
import type { PausableStatus, SlaHours, SlaTargets } from './sla-policy-values.ts';
import {
  deleteSlaPolicyRow, findSlaPolicy, findSlaPolicyByScope, insertSlaPolicy, listSlaPolicies, updateSlaPolicyRow, type SlaPolicyRow,
} from './sla-policies.repo.ts';

export type SlaScope = { type: 'default' } | { type: 'department'; departmentId: number } | { type: 'organisation'; organisationId: string };

export interface SlaPolicyInput {
  name: string;
  scope: SlaScope;
  targets: SlaTargets;
  businessHours: SlaHours | null;
  timeZone: string;
  pauseStatuses: PausableStatus[];
  nearBreach: number;
}

const scopeKeyOf = (s: SlaScope): string =>
  s.type === 'default' ? 'default' : s.type === 'department' ? `department:${s.departmentId}` : `organisation:${s.organisationId}`;

/** The scope exists in the tenant, the hours make sense in the zone: else a field error. */
async function checkInput(tx: Ctx, input: SlaPolicyInput): Promise<void> {
  if (input.scope.type === 'department') {
    try { await checkDepartment(tx, input.scope.departmentId); } catch { throw ValidationError.field('department_id', 'unknown department'); }
  }
  if (input.scope.type === 'organisation' && !(await findOrganisationById(tx.db, tx.tenantId, input.scope.organisationId))) {
    throw ValidationError.field('organisation_id', 'unknown organisation');
  }
  const hours = businessHoursSchema.safeParse({ ...(input.businessHours ?? { week: [{ day: 0, start: '00:00', end: '24:00' }] }), time_zone: input.timeZone });
  if (!hours.success) {
    throw new ValidationError(hours.error.issues.map((i) => ({ field: i.path[0] === 'time_zone' ? 'time_zone' : ['business_hours', ...i.path].join('.'), message: i.message })));
  }
}

function columnsOf(input: SlaPolicyInput) {
  return {
    name: input.name.trim(),
    scope_key: scopeKeyOf(input.scope),
    department_id: input.scope.type === 'department' ? input.scope.departmentId : null,
    organisation_id: input.scope.type === 'organisation' ? input.scope.organisationId : null,
    targets: JSON.stringify(input.targets),
    business_hours: input.businessHours ? JSON.stringify(input.businessHours) : null,
    time_zone: input.timeZone,
    pause_statuses: JSON.stringify([...new Set(input.pauseStatuses)]),
    near_breach: input.nearBreach,
  };
}

/** Whether a change alters what the clocks read (a new name alone recomputes nothing). */
const governs = (before: SlaPolicyRow, after: ReturnType<typeof columnsOf>): boolean =>
  (['scope_key', 'targets', 'business_hours', 'time_zone', 'pause_statuses'] as const).some((k) => before[k] !== after[k])
  || Number(before.near_breach) !== after.near_breach;

async function refuseTakenScope(tx: Ctx, scopeKey: string, exceptId: string | null): Promise<void> {
  const other = await findSlaPolicyByScope(tx.db, tx.tenantId, scopeKey);
  if (other && other.id !== exceptId) throw new ConflictError(`The policy "${other.name}" already covers this scope; change that one instead.`);
}

async function loadPolicy(ctx: Ctx, id: string): Promise<SlaPolicyRow> {
  const row = await findSlaPolicy(ctx.db, ctx.tenantId, id);
  if (!row) throw new NotFoundError('No such SLA policy.');
  return row;
}

export async function createSlaPolicy(ctx: Ctx, input: SlaPolicyInput): Promise<SlaPolicyRow> {
  authorizeSlaPolicy(ctx.actor, 'save');
  return inTransaction(ctx, async (tx) => {
    await lockSlaPolicies(tx.db, tx.dialect, tx.tenantId, 'save');
    await checkInput(tx, input);
    const now = nowIso();
    const row: SlaPolicyRow = { tenant_id: tx.tenantId, id: newId(), ...columnsOf(input), created_at: now, updated_at: now };
    await refuseTakenScope(tx, row.scope_key, null);
    await insertSlaPolicy(tx.db, row);
    await recordEvent(tx, { name: 'sla_policy.saved', subjectType: 'sla_policy', subjectId: row.id, payload: { name: row.name, scope_key: row.scope_key, created: true } });
    await queuePolicySlaRecompute(tx, [row.scope_key]);
    return row;
  });
}

/** Replaces a policy's settings with what `change` makes of the stored policy (the route merges a partial change over it). */
export async function updateSlaPolicy(ctx: Ctx, id: string, change: (stored: SlaPolicyRow) => SlaPolicyInput): Promise<SlaPolicyRow> {
  authorizeSlaPolicy(ctx.actor, 'save');
  return inTransaction(ctx, async (tx) => {
    await lockSlaPolicies(tx.db, tx.dialect, tx.tenantId, 'save');
    const before = await loadPolicy(tx, id);
    const input = change(before);
    await checkInput(tx, input);
    const set = { ...columnsOf(input), updated_at: nowIso() };
    await refuseTakenScope(tx, set.scope_key, id);
    await updateSlaPolicyRow(tx.db, tx.tenantId, id, set);
    await recordEvent(tx, { name: 'sla_policy.saved', subjectType: 'sla_policy', subjectId: id, payload: { name: set.name, scope_key: set.scope_key, created: false } });
    if (governs(before, set)) await queuePolicySlaRecompute(tx, [before.scope_key, set.scope_key]);
    return { ...before, ...set };
  });
}

export async function deleteSlaPolicy(ctx: Ctx, id: string): Promise<void> {
  authorizeSlaPolicy(ctx.actor, 'delete');
  await inTransaction(ctx, async (tx) => {
    await lockSlaPolicies(tx.db, tx.dialect, tx.tenantId, 'save');
    const row = await loadPolicy(tx, id);
    await deleteSlaPolicyRow(tx.db, tx.tenantId, id);
    await recordEvent(tx, { name: 'sla_policy.deleted', subjectType: 'sla_policy', subjectId: id, payload: { name: row.name, scope_key: row.scope_key } });
    await queuePolicySlaRecompute(tx, [row.scope_key]);
  });
}

/** The tenant's policies, by name (staff). */
export async function readSlaPolicies(ctx: Ctx): Promise<SlaPolicyRow[]> {
  authorizeSlaPolicy(ctx.actor, 'read');
  return listSlaPolicies(ctx.db, ctx.tenantId);
}

/** One policy (staff). */
export async function readSlaPolicy(ctx: Ctx, id: string): Promise<SlaPolicyRow> {
  authorizeSlaPolicy(ctx.actor, 'read');
  return loadPolicy(ctx, id);
}
