/**
 * The commands on a tenant's Ferndesk endpoint (docs/ferndesk.md): enable (or rotate, when
 * already enabled: a new token, the old URL answers 404 at once), change its options,
 * disable. The URL carries the token and is answered only by enable; only the token's
 * SHA-256 is stored. Each records its audit event in the same transaction.
 */
import { hashToken, randomToken } from '../../auth/secrets.ts';
import { recordEvent } from '../../events/record-event.ts';
import { nowIso } from '../../shared/clock.ts';
import { actorId, type Ctx } from '../../shared/context.ts';
import { inTransaction } from '../../shared/transaction.ts';
import { authorizeFerndesk } from './ferndesk.policy.ts';
import { findFerndesk, insertFerndesk, updateFerndesk, type FerndeskRow } from './ferndesk.repo.ts';

export type FerndeskRoleName = FerndeskRow['role_name'];
export const FERNDESK_ROLE_NAMES = ['agent', 'support_agent'] as const satisfies readonly FerndeskRoleName[];

/** Where the public feed of a token is served; the route of ferndesk.routes.ts has the same shape. */
export const FEED_PATH_PREFIX = '/tickets/api/integrations/ferndesk/feed/';
const TOKEN_PREFIX = 'fdk_';

/** The public URL of the feed for a token, on this instance. */
export const ferndeskFeedUrl = (baseUrl: string, token: string): string => `${baseUrl}${FEED_PATH_PREFIX}${token}/`;

/** Whether a string has the shape of a token we hand out (cheap refusal before any lookup). */
export const looksLikeFerndeskToken = (token: string): boolean => /^fdk_[A-Za-z0-9_-]{43}$/.test(token);

/** The tenant's integration, or undefined when it was never enabled (admins). */
export async function readFerndesk(ctx: Ctx): Promise<FerndeskRow | undefined> {
  authorizeFerndesk(ctx.actor, 'read');
  return findFerndesk(ctx.db, ctx.tenantId);
}

/** Enables the endpoint, or rotates its token when it is enabled; answers the row and the new token (shown once). */
export async function enableFerndesk(ctx: Ctx): Promise<{ row: FerndeskRow; token: string; rotated: boolean }> {
  authorizeFerndesk(ctx.actor, 'enable');
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  return inTransaction(ctx, async (tx) => {
    const before = await findFerndesk(tx.db, tx.tenantId);
    const now = nowIso();
    const rotated = Boolean(before?.token_hash);
    let row: FerndeskRow;
    if (!before) {
      row = { tenant_id: tx.tenantId, token_hash: hashToken(token), role_name: 'agent', enabled_at: now, rotated_at: null, created_by: actorId(tx.actor), created_at: now, updated_at: now };
      await insertFerndesk(tx.db, row);
    } else {
      const set = { token_hash: hashToken(token), updated_at: now, ...(rotated ? { rotated_at: now } : { enabled_at: now, rotated_at: null }) };
      await updateFerndesk(tx.db, tx.tenantId, set);
      row = { ...before, ...set };
    }
    if (rotated) await recordEvent(tx, { name: 'ferndesk.rotated', subjectType: 'tenant', subjectId: tx.tenantId, payload: {} });
    else await recordEvent(tx, { name: 'ferndesk.enabled', subjectType: 'tenant', subjectId: tx.tenantId, payload: { role_name: row.role_name } });
    return { row, token, rotated };
  });
}

/** Changes the endpoint's options (the role name of staff messages); kept while disabled. */
export async function updateFerndeskOptions(ctx: Ctx, changes: { roleName?: FerndeskRoleName }): Promise<FerndeskRow> {
  authorizeFerndesk(ctx.actor, 'update');
  return inTransaction(ctx, async (tx) => {
    const now = nowIso();
    let before = await findFerndesk(tx.db, tx.tenantId);
    if (!before) {
      before = { tenant_id: tx.tenantId, token_hash: null, role_name: 'agent', enabled_at: null, rotated_at: null, created_by: actorId(tx.actor), created_at: now, updated_at: now };
      await insertFerndesk(tx.db, before);
    }
    if (changes.roleName === undefined || changes.roleName === before.role_name) return before;
    await updateFerndesk(tx.db, tx.tenantId, { role_name: changes.roleName, updated_at: now });
    await recordEvent(tx, { name: 'ferndesk.updated', subjectType: 'tenant', subjectId: tx.tenantId, payload: { changes: { role_name: changes.roleName } } });
    return { ...before, role_name: changes.roleName, updated_at: now };
  });
}

/** Disables the endpoint: its URL answers 404 from now on. Disabling a disabled endpoint changes nothing. */
export async function disableFerndesk(ctx: Ctx): Promise<void> {
  authorizeFerndesk(ctx.actor, 'disable');
  await inTransaction(ctx, async (tx) => {
    const before = await findFerndesk(tx.db, tx.tenantId);
    if (!before?.token_hash) return;
    await updateFerndesk(tx.db, tx.tenantId, { token_hash: null, enabled_at: null, rotated_at: null, updated_at: nowIso() });
    await recordEvent(tx, { name: 'ferndesk.disabled', subjectType: 'tenant', subjectId: tx.tenantId, payload: {} });
  });
}
