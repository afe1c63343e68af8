/**
 * Where a mailbox's OAuth2 provider lives and what access it asks for: the Microsoft
 * identity platform and Google defaults, each endpoint overridable in the mailbox's
 * `oauth_config` JSON (a sovereign cloud, a proxy, or a test server on 127.0.0.1).
 * The client secret is not here: it is sealed in the mailbox's `secret_enc`.
 */
import { z } from 'zod';
import { ValidationError } from '../../../domain/shared/errors.ts';
import type { SecretBox } from '../../../domain/shared/secret-box.ts';
import type { MailboxRow } from '../mailboxes.repo.ts';

export type OAuthProvider = 'microsoft' | 'google';

export interface ProviderConfig {
  provider: OAuthProvider;
  clientId: string;
  /** Space-separated, as the authorization and token endpoints take them. */
  scopes: string;
  authorizeUrl: string;
  tokenUrl: string;
  graphUrl: string;
  gmailUrl: string;
  /** Parameters the provider needs on the authorization URL beyond RFC 6749's. */
  authorizeParams: Record<string, string>;
  /** Parameters it wants on every token request (Microsoft asks for the scope again). */
  tokenParams: Record<string, string>;
}

/**
 * The client secret and refresh tokens are sent to these endpoints: https only, except
 * to this machine itself (a local proxy, or the test stand-ins).
 */
const endpoint = z.url({ protocol: /^https?$/ })
  .refine((u) => u.startsWith('https://') || /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(u), 'must be https:// (plain http only to this machine)')
  .transform((u) => u.replace(/\/+$/, ''));

export const oauthConfigSchema = z.object({
  client_id: z.string().trim().min(1).max(200),
  tenant: z.string().trim().regex(/^[\w.-]{1,100}$/, 'must be a directory id, a domain, "common" or "organizations"').optional(),
  scopes: z.union([z.string().max(1000), z.array(z.string().max(200)).max(20)]).optional(),
  authorize_url: endpoint.optional(),
  token_url: endpoint.optional(),
  graph_url: endpoint.optional(),
  gmail_url: endpoint.optional(),
});
export type OAuthConfigInput = z.input<typeof oauthConfigSchema>;

const MICROSOFT_SCOPES: Record<string, string> = {
  imap: 'offline_access https://outlook.office.com/IMAP.AccessAsUser.All',
  pop3: 'offline_access https://outlook.office.com/POP.AccessAsUser.All',
  graph: 'offline_access https://graph.microsoft.com/Mail.ReadWrite',
};
const GOOGLE_SCOPES: Record<string, string> = {
  imap: 'https://mail.google.com/',
  pop3: 'https://mail.google.com/',
  gmail: 'https://www.googleapis.com/auth/gmail.modify',
};

/** The resolved provider settings of an OAuth mailbox; a 422 names what is missing or wrong. */
export function providerConfig(mailbox: MailboxRow): ProviderConfig {
  const provider = mailbox.oauth_provider;
  if (provider !== 'microsoft' && provider !== 'google') {
    throw ValidationError.field('oauth_provider', 'must be "microsoft" or "google" to connect this mailbox by OAuth2');
  }
  const c = parseConfig(mailbox.oauth_config);
  const defaults = provider === 'microsoft' ? MICROSOFT_SCOPES : GOOGLE_SCOPES;
  const defaultScopes = defaults[mailbox.kind];
  if (!defaultScopes) throw ValidationError.field('kind', `a ${mailbox.kind} mailbox cannot use ${provider} OAuth2`);
  const scopes = Array.isArray(c.scopes) ? c.scopes.join(' ') : c.scopes?.trim() || defaultScopes;
  if (provider === 'microsoft') {
    const base = `https://login.microsoftonline.com/${encodeURIComponent(c.tenant ?? 'common')}/oauth2/v2.0`;
    return {
      provider, clientId: c.client_id, scopes,
      authorizeUrl: c.authorize_url ?? `${base}/authorize`,
      tokenUrl: c.token_url ?? `${base}/token`,
      graphUrl: c.graph_url ?? 'https://graph.microsoft.com',
      gmailUrl: c.gmail_url ?? 'https://gmail.googleapis.com',
      authorizeParams: { response_mode: 'query' },
      tokenParams: { scope: scopes },
    };
  }
  return {
    provider, clientId: c.client_id, scopes,
    authorizeUrl: c.authorize_url ?? 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: c.token_url ?? 'https://oauth2.googleapis.com/token',
    graphUrl: c.graph_url ?? 'https://graph.microsoft.com',
    gmailUrl: c.gmail_url ?? 'https://gmail.googleapis.com',
    // Without both, Google returns a refresh token only on the first consent.
    authorizeParams: { access_type: 'offline', prompt: 'consent' },
    tokenParams: {},
  };
}

/** How the app identifies itself at the token endpoint: client_secret_post, or no secret for a public client. */
export function clientParams(secrets: SecretBox, mailbox: MailboxRow, p: ProviderConfig): Record<string, string> {
  return { client_id: p.clientId, ...(mailbox.secret_enc && { client_secret: secrets.open(mailbox.secret_enc) }), ...p.tokenParams };
}

function parseConfig(json: string | null): z.output<typeof oauthConfigSchema> {
  let value: unknown;
  try {
    value = json ? JSON.parse(json) : null;
  } catch {
    throw ValidationError.field('oauth_config', 'is not valid JSON');
  }
  const parsed = oauthConfigSchema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => ({ field: ['oauth_config', ...i.path].join('.'), message: i.message })));
  }
  return parsed.data;
}
