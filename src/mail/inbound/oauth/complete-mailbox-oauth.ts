import { recordEvent } from '../../../domain/events/record-event.ts';
import { nowIso } from '../../../domain/shared/clock.ts';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../../../domain/shared/errors.ts';
import { inTransaction } from '../../../domain/shared/transaction.ts';
import { loadActor } from '../../../domain/users/load-actor.ts';
import { findUserById } from '../../../domain/users/users.repo.ts';
import type { Runtime } from '../../../runtime.ts';
import { findMailbox, updateMailbox, type MailboxRow } from '../mailboxes.repo.ts';
import { verifyOAuthState } from './oauth-state.ts';
import { clientParams, providerConfig } from './provider-config.ts';
import { oauthRedirectUri } from './start-mailbox-oauth.ts';
import { OAuthTokenError, requestToken } from './token-endpoint.ts';

/** The provider said no: the admin declined, or the token endpoint refused or failed. */
export class OAuthProviderError extends DomainError {
  constructor(message: string, status: 400 | 502) { super(message, status, 'oauth-provider-error'); }
}

export interface CompleteMailboxOAuthProps {
  state: string;
  code?: string;
  /** RFC 6749 §4.1.2.1: the provider came back with an error instead of a code. */
  error?: string;
  errorDescription?: string;
}

/**
 * The end of the authorization-code flow: the signed state says which mailbox and which
 * admin; the code and the PKCE verifier are exchanged for tokens, stored sealed, and the
 * mailbox is back in service. The state is checked before anything else is believed.
 */
export async function completeMailboxOAuth(rt: Runtime, p: CompleteMailboxOAuthProps): Promise<MailboxRow> {
  const claims = await verifyOAuthState(rt, p.state);
  const user = await findUserById(rt.db, claims.tenantId, claims.userId);
  if (!user || !user.is_active || user.role !== 'admin') throw new ForbiddenError('The admin who started connecting this mailbox can no longer do so.');
  const ctx = rt.ctx(claims.tenantId, await loadActor(rt.db, user), 'web');
  const mailbox = await findMailbox(ctx.db, ctx.tenantId, claims.mailboxId);
  if (!mailbox) throw new NotFoundError('mailbox');
  if (p.error) {
    throw new OAuthProviderError(`The provider did not authorize the mailbox (${p.error})${p.errorDescription ? `: ${p.errorDescription}` : ''}.`, 400);
  }
  if (!p.code) throw ValidationError.field('code', 'is required');
  const config = providerConfig(mailbox);
  const tokens = await requestToken(config.tokenUrl, {
    grant_type: 'authorization_code', code: p.code, redirect_uri: oauthRedirectUri(rt), code_verifier: claims.verifier,
    ...clientParams(rt.secrets, mailbox, config),
  }).catch((err: unknown) => {
    throw new OAuthProviderError(err instanceof OAuthTokenError ? `The provider did not issue tokens: ${err.message}.` : String(err), 502);
  });
  if (!tokens.refreshToken) {
    throw new OAuthProviderError('The provider issued no refresh token: the scopes must allow offline access.', 502);
  }
  const refresh = tokens.refreshToken;
  return inTransaction(ctx, async (tx) => {
    await updateMailbox(tx.db, tx.tenantId, mailbox.id, {
      oauth_access_enc: rt.secrets.seal(tokens.accessToken),
      oauth_refresh_enc: rt.secrets.seal(refresh),
      oauth_expires_at: tokens.expiresAt,
      state: 'ok', last_error: null, updated_at: nowIso(),
    });
    await recordEvent(tx, {
      name: 'mailbox.connected', subjectType: 'mailbox', subjectId: mailbox.id,
      payload: { name: mailbox.name, provider: config.provider, previous_state: mailbox.state },
    });
    return (await findMailbox(tx.db, tx.tenantId, mailbox.id))!;
  });
}
