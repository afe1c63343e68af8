/**
 * One call to an OAuth2 token endpoint (RFC 6749 §4.1.3 and §6): a form-encoded POST,
 * a JSON answer. Failures are sorted into permanent ones (the grant or the client was
 * refused: only a person can fix it) and transient ones (5xx, 429, timeouts, network),
 * which the caller retries later without giving up on the mailbox.
 */

export interface TokenSet {
  accessToken: string;
  /** The provider may rotate it; null when it kept the old one. */
  refreshToken: string | null;
  expiresAt: string;
}

export class OAuthTokenError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or null when no answer came (timeout, network). */
    readonly status: number | null,
    /** RFC 6749 §5.2 `error` code, when the provider sent one. */
    readonly code: string | null,
    /** True when retrying cannot help: the mailbox has to be connected again. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 20_000;

export async function requestToken(tokenUrl: string, params: Record<string, string>): Promise<TokenSet> {
  let res: Response;
  try {
    res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (err) {
    throw new OAuthTokenError(`the token endpoint did not answer: ${err instanceof Error ? err.message : String(err)}`, null, null, false);
  }
  const text = await res.text().catch(() => '');
  const body = parseJson(text);
  if (!res.ok) {
    const code = typeof body?.error === 'string' ? body.error : null;
    const description = typeof body?.error_description === 'string' ? body.error_description : text.slice(0, 200);
    const permanent = code === 'invalid_grant' || res.status === 400 || res.status === 401;
    throw new OAuthTokenError(`the token endpoint refused (${res.status}${code ? ` ${code}` : ''}): ${description}`.trim(), res.status, code, permanent);
  }
  if (!body || typeof body.access_token !== 'string' || !body.access_token) {
    throw new OAuthTokenError('the token endpoint answered without an access_token', res.status, null, false);
  }
  // Some providers send expires_in as a string; an absent one means the usual hour.
  const expiresIn = Number(body.expires_in ?? 3600);
  const seconds = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600;
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : null,
    expiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
  };
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
