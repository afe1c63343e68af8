/**
 * A stand-in OAuth2 provider on 127.0.0.1 and a random port, speaking RFC 6749 and
 * RFC 7636 as Microsoft's and Google's endpoints do: an authorization endpoint that
 * consents at once and redirects back with a code, and a token endpoint for
 * `authorization_code` (PKCE S256 checked) and `refresh_token` (rotating the refresh
 * token unless told not to). Errors are `{"error", "error_description"}`. It also
 * tells the Graph and Gmail stand-ins which access tokens are valid.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nowIso } from '../../src/domain/shared/clock.ts';
import { insertMailbox, type MailboxRow, findMailbox, updateMailbox } from '../../src/mail/inbound/mailboxes.repo.ts';
import type { Runtime } from '../../src/runtime.ts';

export interface OAuthServerOptions { clientId?: string; clientSecret?: string | null; accessTokenTtl?: number; rotate?: boolean }

export interface TokenRequest { grantType: string; params: Record<string, string> }

export interface OAuthServer {
  url: string; authorizeUrl: string; tokenUrl: string;
  clientId: string; clientSecret: string | null;
  /** Lifetime of issued access tokens, in seconds; tests may change it. */
  accessTokenTtl: number;
  rotate: boolean;
  /** Every token request, in order. */
  requests: TokenRequest[];
  /** Every authorization request's query. */
  authorizations: Array<Record<string, string>>;
  /** How long the token endpoint takes to answer, to make concurrent refreshes overlap. */
  delayMs: number;
  /** Issues a token pair as a completed consent would, for tests that skip the browser part. */
  issue(scope?: string): { access: string; refresh: string };
  revoke(refreshToken: string): void;
  revokeAccess(accessToken: string): void;
  isValidAccessToken(token: string): boolean;
  /** The next token requests answer this status and body instead (a 5xx outage, say). */
  failNext(status: number, body?: unknown, times?: number): void;
  close(): Promise<void>;
}

export async function startOAuthServer(o: OAuthServerOptions = {}): Promise<OAuthServer> {
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; scope: string }>();
  const refreshTokens = new Map<string, { scope: string }>();
  const accessTokens = new Map<string, number>();
  const failures: Array<{ status: number; body: unknown }> = [];
  const token = (prefix: string) => `${prefix}-${randomBytes(18).toString('base64url')}`;

  const s: OAuthServer = {
    url: '', authorizeUrl: '', tokenUrl: '',
    clientId: o.clientId ?? 'parley-test-client',
    clientSecret: o.clientSecret === undefined ? 'parley-test-secret' : o.clientSecret,
    accessTokenTtl: o.accessTokenTtl ?? 3600,
    rotate: o.rotate ?? true,
    requests: [], authorizations: [], delayMs: 0,
    issue(scope = '') {
      const refresh = token('rt');
      refreshTokens.set(refresh, { scope });
      return { access: newAccess(), refresh };
    },
    revoke: (t) => { refreshTokens.delete(t); },
    revokeAccess: (t) => { accessTokens.delete(t); },
    isValidAccessToken: (t) => (accessTokens.get(t) ?? 0) > Date.now(),
    failNext(status, body = { error: 'temporarily_unavailable', error_description: 'The service is down.' }, times = 1) {
      for (let i = 0; i < times; i++) failures.push({ status, body });
    },
    close: () => close(server),
  };
  const newAccess = () => {
    const t = token('at');
    accessTokens.set(t, Date.now() + s.accessTokenTtl * 1000);
    return t;
  };
  const grant = (res: ServerResponse, scope: string, refresh: string | null) =>
    json(res, 200, { token_type: 'Bearer', scope, expires_in: s.accessTokenTtl, access_token: newAccess(), ...(refresh && { refresh_token: refresh }) });
  const oauthError = (res: ServerResponse, status: number, error: string, description: string) => json(res, status, { error, error_description: description });

  const server = createServer((req, res) => {
    void handle(req, res).catch((err) => json(res, 500, { error: 'server_error', error_description: String(err) }));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', s.url);
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const q = Object.fromEntries(url.searchParams);
      s.authorizations.push(q);
      if (q.client_id !== s.clientId || !q.redirect_uri) return oauthError(res, 400, 'invalid_request', 'unknown client or no redirect_uri');
      const back = new URL(q.redirect_uri);
      if (q.response_type !== 'code' || q.code_challenge_method !== 'S256' || !q.code_challenge) {
        back.searchParams.set('error', 'invalid_request');
      } else {
        const code = token('code');
        codes.set(code, { clientId: q.client_id, redirectUri: q.redirect_uri, challenge: q.code_challenge, scope: q.scope ?? '' });
        back.searchParams.set('code', code);
      }
      if (q.state) back.searchParams.set('state', q.state);
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (req.method !== 'POST' || url.pathname !== '/token') return oauthError(res, 404, 'not_found', `${req.method} ${url.pathname}`);
    const body = await readBody(req);
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return oauthError(res, 400, 'invalid_request', 'the body must be form-encoded');
    const p = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    s.requests.push({ grantType: p.grant_type ?? '', params: p });
    if (s.delayMs) await new Promise((r) => setTimeout(r, s.delayMs));
    const failure = failures.shift();
    if (failure) return json(res, failure.status, failure.body);
    if (p.client_id !== s.clientId || (s.clientSecret !== null && p.client_secret !== s.clientSecret)) {
      return oauthError(res, 401, 'invalid_client', 'Client authentication failed.');
    }
    if (p.grant_type === 'authorization_code') {
      const c = p.code ? codes.get(p.code) : undefined;
      if (p.code) codes.delete(p.code);
      if (!c || c.clientId !== p.client_id) return oauthError(res, 400, 'invalid_grant', 'The authorization code is invalid or was already used.');
      if (c.redirectUri !== p.redirect_uri) return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
      const challenge = createHash('sha256').update(p.code_verifier ?? '').digest('base64url');
      if (challenge !== c.challenge) return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed.');
      const refresh = token('rt');
      refreshTokens.set(refresh, { scope: c.scope });
      return grant(res, c.scope, refresh);
    }
    if (p.grant_type === 'refresh_token') {
      const known = p.refresh_token ? refreshTokens.get(p.refresh_token) : undefined;
      if (!known) return oauthError(res, 400, 'invalid_grant', 'The refresh token has expired or was revoked.');
      if (!s.rotate) return grant(res, known.scope, null);
      refreshTokens.delete(p.refresh_token!);
      const rotated = token('rt');
      refreshTokens.set(rotated, known);
      return grant(res, known.scope, rotated);
    }
    return oauthError(res, 400, 'unsupported_grant_type', `grant_type ${p.grant_type} is not supported`);
  }

  const port = await listen(server);
  s.url = `http://127.0.0.1:${port}`;
  s.authorizeUrl = `${s.url}/authorize`;
  s.tokenUrl = `${s.url}/token`;
  return s;
}

export interface OAuthMailboxProps {
  name?: string; kind: 'graph' | 'gmail' | 'imap'; provider: 'microsoft' | 'google';
  oauth: OAuthServer; username?: string | null; folder?: string; archiveFolder?: string | null;
  graphUrl?: string; gmailUrl?: string; tenantId?: string;
}

/** Inserts an OAuth mailbox whose endpoints point at the stand-ins, its client secret sealed. */
export async function insertOAuthMailbox(rt: Runtime, p: OAuthMailboxProps): Promise<MailboxRow> {
  const id = crypto.randomUUID();
  const tenantId = p.tenantId ?? rt.defaultTenantId;
  const now = nowIso();
  await insertMailbox(rt.db, {
    id, tenant_id: tenantId, name: p.name ?? `${p.kind}-${id.slice(0, 8)}`, kind: p.kind, host: null, port: null,
    auth: 'xoauth2', username: p.username === undefined ? 'help@example.com' : p.username,
    secret_enc: p.oauth.clientSecret === null ? null : rt.secrets.seal(p.oauth.clientSecret), oauth_provider: p.provider,
    oauth_config: JSON.stringify({
      client_id: p.oauth.clientId, tenant: p.provider === 'microsoft' ? 'contoso.example' : undefined,
      authorize_url: p.oauth.authorizeUrl, token_url: p.oauth.tokenUrl, graph_url: p.graphUrl, gmail_url: p.gmailUrl,
    }),
    oauth_refresh_enc: null, oauth_access_enc: null, oauth_expires_at: null,
    folder: p.folder ?? 'INBOX', archive_folder: p.archiveFolder ?? null, department_id: null,
    last_error: null, last_scan_at: null, last_success_at: null, uid_validity: null, last_uid: null,
    created_at: now, updated_at: now,
  });
  return (await findMailbox(rt.db, tenantId, id))!;
}

/** Stores a token pair from the stand-in as a completed connection would; returns the fresh row. */
export async function connectMailbox(rt: Runtime, oauth: OAuthServer, mailbox: MailboxRow, expiresInSeconds = oauth.accessTokenTtl): Promise<MailboxRow> {
  const t = oauth.issue();
  await updateMailbox(rt.db, mailbox.tenant_id, mailbox.id, {
    oauth_access_enc: rt.secrets.seal(t.access), oauth_refresh_enc: rt.secrets.seal(t.refresh),
    oauth_expires_at: new Date(Date.now() + expiresInSeconds * 1000).toISOString(), state: 'ok',
  });
  return (await findMailbox(rt.db, mailbox.tenant_id, mailbox.id))!;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

export function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The bearer token of a request, or null. */
export function bearer(req: IncomingMessage): string | null {
  const m = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
  return m ? m[1]! : null;
}
