/**
 * Turns what an admin sent (a new mailbox, or changes to one) into the row to store:
 * every rule that spans fields is checked on the merged result, secrets are sealed, and
 * whatever the change made stale (OAuth tokens, the IMAP position, the error state) is reset.
 */
import type { Updateable } from 'kysely';
import type { MailboxesTable } from '../../db/schema.ts';
import type { MailboxRow } from '../../mail/inbound/mailboxes.repo.ts';
import { isLoopback } from '../../mail/inbound/sources/mailbox-credentials.ts';
import { findDepartment } from '../departments/departments.repo.ts';
import type { Ctx } from '../shared/context.ts';
import { ValidationError, type FieldError } from '../shared/errors.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import {
  REQUIRED_PROVIDER, defaultPort, parseOAuthConfig, splitOAuthConfig, usesHost,
  type MailboxAuth, type MailboxKind, type MailboxSecurity, type OAuthProvider,
} from './mailbox-values.ts';

export interface MailboxInput {
  name?: string;
  kind?: MailboxKind;
  host?: string | null;
  port?: number | null;
  security?: MailboxSecurity;
  auth?: MailboxAuth;
  username?: string | null;
  /** Write-only: sealed into secret_enc. */
  password?: string;
  oauthProvider?: OAuthProvider | null;
  /** Its client_secret is write-only: sealed into secret_enc, never stored in the JSON. */
  oauthConfig?: Record<string, unknown> | null;
  folder?: string;
  archiveFolder?: string | null;
  departmentId?: number | null;
  isActive?: boolean;
}

type Row = Updateable<MailboxesTable>;
const clean = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

export async function resolveMailboxSettings(ctx: Ctx, secrets: SecretBox, before: MailboxRow | undefined, input: MailboxInput): Promise<Row> {
  const errors: FieldError[] = [];
  const kind = input.kind ?? before?.kind;
  if (!kind) throw ValidationError.field('kind', 'is required');
  const auth = input.auth ?? before?.auth ?? (REQUIRED_PROVIDER[kind] ? 'xoauth2' : 'password');
  const oauth = auth !== 'password';
  const security = input.security ?? before?.security ?? 'tls';
  const host = input.host !== undefined ? (clean(input.host)?.toLowerCase() ?? null) : (before?.host ?? null);
  const username = input.username !== undefined ? (clean(input.username) ?? null) : (before?.username ?? null);
  const folder = input.folder?.trim() || before?.folder || 'INBOX';
  let port = input.port !== undefined ? input.port : (before?.port ?? null);
  // A port left at the old default follows a change of protocol or security.
  const portWasDefault = before && before.port === defaultPort(before.kind, before.security);
  if (input.port === undefined && (port === null || portWasDefault)) port = defaultPort(kind, security);
  if (!usesHost(kind)) port = input.port ?? null;

  if (usesHost(kind)) {
    if (!host) errors.push({ field: 'host', message: `is required for ${kind} mailboxes` });
    if (security === 'none' && host && !isLoopback(host)) errors.push({ field: 'security', message: 'none is allowed only for a loopback host (localhost, 127.0.0.1, ::1)' });
  }
  if (!username && kind !== 'gmail') errors.push({ field: 'username', message: `is required for ${kind} mailboxes` });
  if (REQUIRED_PROVIDER[kind] && !oauth) errors.push({ field: 'auth', message: `${kind} mailboxes connect with OAuth2 (xoauth2 or oauthbearer)` });
  if (input.departmentId != null && !(await findDepartment(ctx.db, ctx.tenantId, input.departmentId))) {
    errors.push({ field: 'department', message: 'no such department' });
  }

  // secret_enc holds the password, or an OAuth client's secret: switching between them drops it.
  let secretEnc = before && (before.auth !== 'password') === oauth ? before.secret_enc : null;
  let provider: string | null = null;
  let config: Record<string, unknown> | null = null;
  if (oauth) {
    if (input.password !== undefined) errors.push({ field: 'password', message: 'is only used with password authentication' });
    provider = input.oauthProvider !== undefined ? input.oauthProvider : (before?.oauth_provider ?? null);
    const split = input.oauthConfig ? splitOAuthConfig(input.oauthConfig) : null;
    config = input.oauthConfig !== undefined ? (split?.publicConfig ?? null) : parseOAuthConfig(before?.oauth_config ?? null);
    if (split?.clientSecret !== undefined) secretEnc = secrets.seal(split.clientSecret);
    if (!provider) errors.push({ field: 'oauth_provider', message: 'is required for OAuth2 authentication' });
    else if (REQUIRED_PROVIDER[kind] && REQUIRED_PROVIDER[kind] !== provider) errors.push({ field: 'oauth_provider', message: `must be ${REQUIRED_PROVIDER[kind]} for ${kind} mailboxes` });
    if (typeof config?.client_id !== 'string' || !config.client_id) errors.push({ field: 'oauth_config.client_id', message: 'is required for OAuth2 authentication' });
  } else {
    if (input.oauthProvider) errors.push({ field: 'oauth_provider', message: 'is only used with OAuth2 authentication' });
    if (input.oauthConfig) errors.push({ field: 'oauth_config', message: 'is only used with OAuth2 authentication' });
    if (input.password !== undefined) secretEnc = secrets.seal(input.password);
    if (!secretEnc) errors.push({ field: 'password', message: 'is required for password authentication' });
  }
  if (errors.length) throw new ValidationError(errors);

  const row: Row = {
    ...(input.name !== undefined && { name: input.name.trim() }),
    kind, host, port, security, auth, username, folder, secret_enc: secretEnc,
    oauth_provider: provider, oauth_config: config ? JSON.stringify(config) : null,
    ...(input.archiveFolder !== undefined && { archive_folder: clean(input.archiveFolder) ?? null }),
    ...(input.departmentId !== undefined && { department_id: input.departmentId }),
    ...(input.isActive !== undefined && { is_active: input.isActive }),
  };
  return { ...row, ...resets(before, row, input) };
}

/** What a change makes stale: tokens of another account or client, the IMAP position, an old error. */
function resets(before: MailboxRow | undefined, after: Row, input: MailboxInput): Row {
  const changed = (k: keyof MailboxRow & keyof Row) => !before || before[k] !== after[k];
  const clientOf = (json: string | null | undefined) => parseOAuthConfig(json ?? null)?.client_id;
  const account = changed('kind') || changed('auth') || changed('username') || changed('oauth_provider')
    || clientOf(before?.oauth_config) !== clientOf(after.oauth_config);
  const position = changed('kind') || changed('host') || changed('port') || changed('username') || changed('folder');
  const connection = account || position || changed('security') || input.password !== undefined || after.secret_enc !== before?.secret_enc;
  const out: Row = {};
  if (account) Object.assign(out, { oauth_refresh_enc: null, oauth_access_enc: null, oauth_expires_at: null });
  if (position) Object.assign(out, { uid_validity: null, last_uid: null });
  const connected = after.auth === 'password' || (!account && Boolean(before?.oauth_refresh_enc));
  if (!connected) Object.assign(out, { state: 'needs_reauth', last_error: 'Not connected: complete the OAuth2 authorization.' });
  else if (connection) Object.assign(out, { state: 'ok', last_error: null });
  return out;
}
