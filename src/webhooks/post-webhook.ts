/**
 * One webhook request: POST the body to the URL through the outbound guard (the URL checked
 * before the request and before each redirect, the connection made only to allowed
 * addresses), with a deadline, reading at most a little of the answer. A 307/308 redirect
 * is followed (up to 3, the method and body kept); other redirects are answers, not
 * success: a receiver that moved should be updated, not chased.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { checkOutboundUrl, guardedLookup, OutboundRefusedError, type OutboundPolicy } from '../net/outbound-guard.ts';

export interface PostResult {
  ok: boolean;
  status: number | null;
  durationMs: number;
  /** Why it failed: the status, the refusal, the network error or the deadline. */
  error: string | null;
  /** The first KB of the answer's body, for the delivery log. */
  excerpt: string | null;
}

const MAX_REDIRECTS = 3;
const EXCERPT_BYTES = 1024;

export async function postWebhook(rawUrl: string, headers: Record<string, string>, body: string, policy: OutboundPolicy, timeoutMs: number): Promise<PostResult> {
  const started = performance.now();
  const done = (r: Omit<PostResult, 'durationMs'>): PostResult => ({ ...r, durationMs: Math.round(performance.now() - started) });
  const signal = AbortSignal.timeout(timeoutMs);
  let url = rawUrl;
  try {
    for (let hop = 0; ; hop++) {
      const target = await checkOutboundUrl(url, policy);
      const answer = await send(target, headers, body, policy, signal);
      const location = answer.res.headers.location;
      if ((answer.status === 307 || answer.status === 308) && location && hop < MAX_REDIRECTS) {
        url = new URL(location, target).toString();
        continue;
      }
      const ok = answer.status >= 200 && answer.status < 300;
      return done({ ok, status: answer.status, error: ok ? null : `the receiver answered ${answer.status}`, excerpt: answer.excerpt });
    }
  } catch (err) {
    if (signal.aborted) return done({ ok: false, status: null, error: `no answer within ${timeoutMs} ms`, excerpt: null });
    if (err instanceof OutboundRefusedError) return done({ ok: false, status: null, error: `refused: ${err.message}`, excerpt: null });
    const e = err as NodeJS.ErrnoException;
    return done({ ok: false, status: null, error: e.code ? `${e.code}: ${e.message}` : String(e.message ?? err), excerpt: null });
  }
}

function send(url: URL, headers: Record<string, string>, body: string, policy: OutboundPolicy, signal: AbortSignal): Promise<{ res: IncomingMessage; status: number; excerpt: string }> {
  const secure = url.protocol === 'https:';
  const lookup = guardedLookup(policy);
  const agent = secure ? new HttpsAgent({ lookup, keepAlive: false }) : new HttpAgent({ lookup, keepAlive: false });
  const request = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST', agent, signal,
      headers: { 'content-type': 'application/json', 'user-agent': 'Parley-Webhooks/1', ...headers, 'content-length': String(Buffer.byteLength(body)) },
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < EXCERPT_BYTES) chunks.push(chunk);
        size += chunk.length;
        // Enough read to log: the rest is drained without keeping it.
      });
      res.on('end', () => resolve({ res, status: res.statusCode ?? 0, excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
