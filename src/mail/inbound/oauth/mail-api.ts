/**
 * Calls to a mail REST API (Microsoft Graph, Gmail) on behalf of one mailbox: the
 * OAuth2 bearer token, a timeout on every request, one token refresh when the API
 * refuses a token that looked valid (revoked or rotated early), and bounded waits when
 * it throttles (429/503 with Retry-After). Every other failure is thrown.
 */
import type { Runtime } from '../../../runtime.ts';
import type { MailboxRow } from '../mailboxes.repo.ts';
import { getMailboxAccessToken } from './access-token.ts';

export class MailApiError extends Error {
  constructor(message: string, readonly status: number) { super(message); }
}

export interface MailApiOptions {
  /** Only URLs under this origin get the bearer token (a next-page link is not trusted blindly). */
  origin: string;
  timeoutMs?: number;
  /** How many throttled answers to wait out per request, and the longest single wait. */
  maxThrottleRetries?: number;
  maxWaitMs?: number;
}

export class MailApi {
  private token: string | null = null;

  constructor(private readonly rt: Runtime, private readonly mailbox: MailboxRow, private readonly o: MailApiOptions) {}

  async json<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const res = await this.request(url, init.method ?? 'GET', init.body, 'application/json');
    const text = await res.text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  async bytes(url: string): Promise<Buffer> {
    const res = await this.request(url, 'GET', undefined, '*/*');
    return Buffer.from(await res.arrayBuffer());
  }

  private async request(url: string, method: string, body: unknown, accept: string): Promise<Response> {
    if (new URL(url).origin !== new URL(this.o.origin).origin) throw new MailApiError(`refusing to send the mailbox's token to ${new URL(url).origin}`, 0);
    let throttled = 0;
    let refreshed = false;
    for (;;) {
      this.token ??= await getMailboxAccessToken(this.rt, this.mailbox);
      const res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${this.token}`, accept, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
        redirect: 'error',
      });
      if (res.ok) return res;
      if (res.status === 401 && !refreshed) {
        await res.body?.cancel();
        refreshed = true;
        this.token = await getMailboxAccessToken(this.rt, this.mailbox, { rejected: this.token });
        continue;
      }
      if ((res.status === 429 || res.status === 503) && throttled < (this.o.maxThrottleRetries ?? 3)) {
        await res.body?.cancel();
        await sleep(waitMs(res.headers.get('retry-after'), throttled, this.o.maxWaitMs ?? 60_000));
        throttled++;
        continue;
      }
      throw new MailApiError(`${method} ${new URL(url).pathname} answered ${res.status}: ${await errorDetail(res)}`, res.status);
    }
  }
}

/** Retry-After in seconds or as an HTTP date; without one, 1, 2, 4… seconds; never more than the bound. */
function waitMs(header: string | null, attempt: number, maxMs: number): number {
  let ms = 1000 * 2 ** attempt;
  if (header) {
    const seconds = Number(header);
    ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    if (!Number.isFinite(ms)) ms = 1000 * 2 ** attempt;
  }
  return Math.min(Math.max(ms, 0), maxMs);
}

/** Graph and Gmail both answer `{ error: { message } }`; keep the message, not the whole body (inbound and outbound). */
export async function errorDetail(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const err = (JSON.parse(text) as { error?: { message?: string; code?: string | number } }).error;
    if (err?.message) return `${err.code ? `${err.code} ` : ''}${err.message}`;
  } catch { /* not JSON */ }
  return text.slice(0, 200) || res.statusText;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
