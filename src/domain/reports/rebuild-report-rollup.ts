/**
 * Keeps a tenant's daily report rollup (migration 030) in its report time zone: the rollup's
 * days are that zone's days, so when the setting changes the rollup is rebuilt from the
 * tickets, in the transaction that changes it. At 1M tickets that takes seconds
 * (docs/reports.md); reports meanwhile see the old rollup and setting, or the new ones.
 */
import type { Db } from '../../db/client.ts';
import type { Dialect } from '../../db/dialect.ts';
import { rollupSql } from '../../db/migrations/030-report-days.ts';
import { rebuildTenantRollup } from '../../db/migrations/030-report-days-model.ts';
import { findRollupZone } from './report-rollup.repo.ts';

/** Rebuilds the rollup in `timeZone` unless it is already kept in it. */
export async function keepReportRollupIn(db: Db, dialect: Dialect, tenantId: string, timeZone: string): Promise<void> {
  if ((await findRollupZone(db, tenantId)) !== timeZone) await rebuildReportRollup(db, dialect, tenantId, timeZone);
}

/** Recomputes the tenant's rollup from its tickets, in `timeZone` (also a repair). */
export async function rebuildReportRollup(db: Db, dialect: Dialect, tenantId: string, timeZone: string): Promise<void> {
  await rebuildTenantRollup(db, dialect, rollupSql(dialect), tenantId, timeZone);
}
