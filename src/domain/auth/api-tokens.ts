import { recordEvent } from '../events/record-event.ts';
import { newId, nowIso } from '../shared/clock.ts';
import { actorId, type Ctx } from '../shared/context.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { authorizeApiToken } from './api-token.policy.ts';
import { findApiToken, insertApiToken, revokeApiTokenRow, type ApiTokenRow } from './api-tokens.repo.ts';
import { hashToken, randomToken } from './secrets.ts';

export const API_TOKEN_SCOPES = ['read', 'write'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];
export const API_TOKEN_PREFIX = 'pat_';

export interface CreateApiTokenProps { name: string; scopes: ApiTokenScope[]; expiresAt?: string | null; userId?: string }

/**
 * Creates a personal API token for integrations. The secret is shown once, here; only
 * its hash is kept. It acts as its owner, limited to its scopes (read: GET only).
 */
export async function createApiToken(ctx: Ctx, props: CreateApiTokenProps): Promise<{ token: string; row: ApiTokenRow }> {
  const actor = ctx.actor;
  authorizeApiToken(actor, 'create', { userId: props.userId ?? actorId(actor) ?? undefined });
  const userId = props.userId ?? actor.id;
  if (!props.name.trim()) throw ValidationError.field('name', 'must not be empty');
  if (props.expiresAt && new Date(props.expiresAt) <= new Date()) throw ValidationError.field('expires_at', 'must be in the future');
  const id = newId();
  const token = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  const row: ApiTokenRow = {
    id, tenant_id: ctx.tenantId, user_id: userId, name: props.name.trim(), token_hash: hashToken(token),
    prefix: token.slice(0, 10), scopes: JSON.stringify([...new Set(props.scopes)]),
    last_used_at: null, expires_at: props.expiresAt ?? null, revoked_at: null, created_at: nowIso(),
  };
  await inTransaction(ctx, async (tx) => {
    await insertApiToken(tx.db, row);
    await recordEvent(tx, { name: 'api_token.created', subjectType: 'api_token', subjectId: id, payload: { name: row.name, scopes: props.scopes, user_id: userId } });
  });
  return { token, row };
}

/** Revokes a token at once; its owner or an admin may do it. */
export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await findApiToken(tx.db, tx.tenantId, id);
    if (!row) throw new NotFoundError('API token');
    authorizeApiToken(tx.actor, 'revoke', { userId: row.user_id });
    if (row.revoked_at) return;
    await revokeApiTokenRow(tx.db, tx.tenantId, id, nowIso());
    await recordEvent(tx, { name: 'api_token.revoked', subjectType: 'api_token', subjectId: id, payload: {} });
  });
}

export function presentApiToken(r: ApiTokenRow) {
  return {
    id: r.id, name: r.name, prefix: r.prefix, scopes: JSON.parse(r.scopes) as string[], user: r.user_id,
    created_at: r.created_at, last_used_at: r.last_used_at, expires_at: r.expires_at, revoked_at: r.revoked_at,
  };
}
