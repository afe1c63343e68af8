/**
 * A valid OAuth2 access token for a mailbox connected by the authorization-code flow
 * (Microsoft 365, Google), refreshed five minutes before it expires. Providers that
 * rotate refresh tokens invalidate the old one on use, so a rotated token is saved in
 * the same update as the access token, and refreshes of one mailbox run one at a time
 * in this process, each re-reading the row first: a second caller finds the fresh
 * token instead of spending a refresh token that is already dead.
 */
import { nowIso } from '../../../domain/shared/clock.ts';
import type { Runtime } from '../../../runtime.ts';
import { findMailbox, updateMailbox, type MailboxRow } from '../mailboxes.repo.ts';
import { markMailboxNeedsReauth } from './mark-needs-reauth.ts';
import { clientParams, providerConfig } from './provider-config.ts';
import { OAuthTokenError, requestToken } from './token-endpoint.ts';

const MARGIN_MS = 5 * 60_000;

/** The mailbox must be connected again by an admin before it can be scanned. */
export class MailboxNeedsReauthError extends Error {
  constructor(mailbox: Pick<MailboxRow, 'name'>, detail: string) {
    super(`mailbox ${mailbox.name} needs to be connected again by an admin: ${detail}`);
  }
}

export interface AccessTokenOptions {
  /** A token the mail API just refused (401): refresh even though it looks unexpired. */
  rejected?: string;
}

export async function getMailboxAccessToken(rt: Runtime, mailbox: MailboxRow, opts: AccessTokenOptions = {}): Promise<string> {
  const current = usable(rt, mailbox, opts.rejected);
  if (current) return current;
  return serialised(mailbox.id, async () => {
    const row = await findMailbox(rt.db, mailbox.tenant_id, mailbox.id);
    if (!row) throw new Error(`mailbox ${mailbox.name} no longer exists`);
    return usable(rt, row, opts.rejected) ?? refresh(rt, row);
  });
}

/** The stored access token when it has more than the margin left and was not refused. */
function usable(rt: Runtime, row: MailboxRow, rejected: string | undefined): string | null {
  if (row.state === 'needs_reauth') throw new MailboxNeedsReauthError(row, row.last_error ?? 'its authorization was refused');
  if (!row.oauth_access_enc || !row.oauth_expires_at) return null;
  if (Date.parse(row.oauth_expires_at) - Date.now() <= MARGIN_MS) return null;
  const token = rt.secrets.open(row.oauth_access_enc);
  return token === rejected ? null : token;
}

async function refresh(rt: Runtime, row: MailboxRow): Promise<string> {
  if (!row.oauth_refresh_enc) {
    throw new Error(`mailbox ${row.name} is not connected: an admin must connect it to ${row.oauth_provider ?? 'its provider'} first`);
  }
  const config = providerConfig(row);
  try {
    const tokens = await requestToken(config.tokenUrl, {
      grant_type: 'refresh_token', refresh_token: rt.secrets.open(row.oauth_refresh_enc), ...clientParams(rt.secrets, row, config),
    });
    await updateMailbox(rt.db, row.tenant_id, row.id, {
      oauth_access_enc: rt.secrets.seal(tokens.accessToken),
      oauth_expires_at: tokens.expiresAt,
      ...(tokens.refreshToken && { oauth_refresh_enc: rt.secrets.seal(tokens.refreshToken) }),
      updated_at: nowIso(),
    });
    return tokens.accessToken;
  } catch (err) {
    if (err instanceof OAuthTokenError && err.permanent) {
      await markMailboxNeedsReauth(rt, row, err.message);
      throw new MailboxNeedsReauthError(row, err.message);
    }
    throw err;
  }
}

const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier call for the same key has settled. */
async function serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  try {
    return await run;
  } finally {
    if (queues.get(key) === tail) queues.delete(key);
  }
}
