import type { Ctx } from '../../../domain/shared/context.ts';
import { NotFoundError } from '../../../domain/shared/errors.ts';
import { authorizeMailbox } from '../../../domain/mailboxes/mailbox.policy.ts';
import type { Runtime } from '../../../runtime.ts';
import { findMailbox } from '../mailboxes.repo.ts';
import { createPkce, signOAuthState } from './oauth-state.ts';
import { providerConfig } from './provider-config.ts';

/** Where the provider sends the admin's browser back; it must be registered with the app. */
export const oauthRedirectUri = (rt: Pick<Runtime, 'config'>): string => `${rt.config.baseUrl}/tickets/api/oauth/callback/`;

/**
 * The provider's authorization URL for an admin to open and consent: the start of the
 * authorization-code flow with PKCE (S256). Nothing is written until the callback.
 */
export async function startMailboxOAuth(rt: Pick<Runtime, 'config' | 'secrets'>, ctx: Ctx, mailboxId: string): Promise<string> {
  authorizeMailbox(ctx.actor, 'connect');
  const mailbox = await findMailbox(ctx.db, ctx.tenantId, mailboxId);
  if (!mailbox) throw new NotFoundError('mailbox');
  const p = providerConfig(mailbox);
  const { verifier, challenge } = createPkce();
  const state = await signOAuthState(rt, { tenantId: ctx.tenantId, mailboxId, userId: ctx.actor.id, verifier });
  const url = new URL(p.authorizeUrl);
  const params: Record<string, string> = {
    client_id: p.clientId,
    response_type: 'code',
    redirect_uri: oauthRedirectUri(rt),
    scope: p.scopes,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...p.authorizeParams,
    ...(mailbox.username && { login_hint: mailbox.username }),
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
