import { recordEvent } from '../events/record-event.ts';
import { keepReportRollupIn } from '../reports/rebuild-report-rollup.ts';
import { queuePolicySlaRecompute } from '../sla/recompute-policy-sla.task.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ValidationError, type FieldError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { getSettings } from './get-settings.ts';
import { authorizeSettings } from './settings.policy.ts';
import { isSettingKey, settingsRegistry, type TenantSettings } from './registry.ts';
import { upsertSetting } from './settings.repo.ts';

/** Saves some settings of the tenant (admins only); every value is validated first. */
export async function updateSettings(ctx: Ctx, changes: Record<string, unknown>): Promise<TenantSettings> {
  authorizeSettings(ctx.actor, 'update');
  const errors: FieldError[] = [];
  const valid: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(changes)) {
    if (!isSettingKey(key)) { errors.push({ field: key, message: 'unknown setting' }); continue; }
    const parsed = settingsRegistry[key].schema.safeParse(value);
    if (!parsed.success) errors.push(...parsed.error.issues.map((i) => ({ field: [key, ...i.path].join('.'), message: i.message })));
    else valid.push([key, parsed.data]);
  }
  if (errors.length) throw new ValidationError(errors);
  // A new report zone rebuilds the tenant's report rollup, for seconds on a large one: alone, not holding others' commits.
  return inTransaction(ctx, async (tx) => {
    const before = await getSettings(tx.db, tx.tenantId) as Record<string, unknown>;
    const now = nowIso();
    for (const [key, value] of valid) await upsertSetting(tx.db, tx.tenantId, key, value, now);
    const zone = valid.find(([k]) => k === 'report_time_zone')?.[1];
    if (typeof zone === 'string') await keepReportRollupIn(tx.db, tx.dialect, tx.tenantId, zone);
    // The targets that apply without a default policy: the open tickets under them get new due times (docs/sla.md).
    const targets = valid.find(([k]) => k === 'sla_targets');
    if (targets && JSON.stringify(targets[1]) !== JSON.stringify(before.sla_targets)) await queuePolicySlaRecompute(tx, ['default']);
    const changed = Object.fromEntries(valid.map(([k, v]) => [k, { old: before[k], new: v }]));
    await recordEvent(tx, { name: 'settings.updated', subjectType: 'tenant', subjectId: tx.tenantId, payload: { changes: changed } });
    return getSettings(tx.db, tx.tenantId);
  }, { alone: valid.some(([key]) => key === 'report_time_zone') });
}
