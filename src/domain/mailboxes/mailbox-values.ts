/** The values a mailbox's settings can take, and the rules that need no database. */

export const MAILBOX_KINDS = ['imap', 'pop3', 'graph', 'gmail'] as const;
export const MAILBOX_SECURITIES = ['tls', 'starttls', 'none'] as const;
export const MAILBOX_AUTHS = ['password', 'xoauth2', 'oauthbearer'] as const;
export const OAUTH_PROVIDERS = ['microsoft', 'google'] as const;

export type MailboxKind = (typeof MAILBOX_KINDS)[number];
export type MailboxSecurity = (typeof MAILBOX_SECURITIES)[number];
export type MailboxAuth = (typeof MAILBOX_AUTHS)[number];
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/** Kinds reached over a mail protocol on a host and port (the others are HTTP APIs). */
export const usesHost = (kind: string): boolean => kind === 'imap' || kind === 'pop3';

/** Graph and the Gmail API only take OAuth2 bearer tokens from their own provider. */
export const REQUIRED_PROVIDER: Partial<Record<string, OAuthProvider>> = { graph: 'microsoft', gmail: 'google' };

/** The IANA port for the protocol and security: 993/143 for IMAP, 995/110 for POP3. */
export function defaultPort(kind: string, security: string): number | null {
  if (kind === 'imap') return security === 'tls' ? 993 : 143;
  if (kind === 'pop3') return security === 'tls' ? 995 : 110;
  return null;
}

/**
 * Key names that must never be stored in plain text in oauth_config (client_secret is
 * sealed apart); endpoint URLs such as token_url are not secrets.
 */
export const looksSecret = (key: string): boolean => /secret|password|token/i.test(key) && !/_url$/i.test(key);

/** The public part of an OAuth configuration and its client secret, kept apart. */
export function splitOAuthConfig(config: Record<string, unknown>): { publicConfig: Record<string, unknown>; clientSecret: string | undefined } {
  const { client_secret: clientSecret, ...publicConfig } = config;
  return { publicConfig, clientSecret: typeof clientSecret === 'string' ? clientSecret : undefined };
}

export function parseOAuthConfig(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
