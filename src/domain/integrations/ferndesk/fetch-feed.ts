/**
 * GETs an endpoint as Ferndesk would, through the outbound guard (net/outbound-guard.ts: the
 * URL checked before the request and at each redirect, connections only to allowed
 * addresses), with a deadline and a cap on the body read. The webhook sender
 * (webhooks/post-webhook.ts) POSTs and keeps only an excerpt; this reads the whole answer.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { checkOutboundUrl, guardedLookup, OutboundRefusedError, type OutboundPolicy } from '../../../net/outbound-guard.ts';

export interface FetchResult { status: number | null; contentType: string | null; body: string | null; durationMs: number; error: string | null }

const MAX_REDIRECTS = 3;
export const MAX_FEED_BYTES = 5 * 1024 * 1024;

export async function fetchFeed(rawUrl: string, policy: OutboundPolicy, timeoutMs: number): Promise<FetchResult> {
  const started = performance.now();
  const done = (r: Omit<FetchResult, 'durationMs'>): FetchResult => ({ ...r, durationMs: Math.round(performance.now() - started) });
  const signal = AbortSignal.timeout(timeoutMs);
  let url = rawUrl;
  try {
    for (let hop = 0; ; hop++) {
      const target = await checkOutboundUrl(url, policy);
      const answer = await get(target, policy, signal);
      if (answer.status >= 300 && answer.status < 400 && answer.location && hop < MAX_REDIRECTS) {
        url = new URL(answer.location, target).toString();
        continue;
      }
      return done({ status: answer.status, contentType: answer.contentType, body: answer.body, error: answer.tooLarge ? `the answer is larger than ${MAX_FEED_BYTES} bytes` : null });
    }
  } catch (err) {
    if (signal.aborted) return done({ status: null, contentType: null, body: null, error: `no answer within ${timeoutMs} ms` });
    if (err instanceof OutboundRefusedError) return done({ status: null, contentType: null, body: null, error: `refused: ${err.message}` });
    const e = err as NodeJS.ErrnoException;
    return done({ status: null, contentType: null, body: null, error: e.code ? `${e.code}: ${e.message}` : String(e.message ?? err) });
  }
}

interface Answer { status: number; location: string | undefined; contentType: string | null; body: string | null; tooLarge: boolean }

function get(url: URL, policy: OutboundPolicy, signal: AbortSignal): Promise<Answer> {
  const secure = url.protocol === 'https:';
  const lookup = guardedLookup(policy);
  const agent = secure ? new HttpsAgent({ lookup, keepAlive: false }) : new HttpAgent({ lookup, keepAlive: false });
  const request = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', agent, signal, headers: { accept: 'application/json', 'user-agent': 'Parley-Ferndesk-Test/1' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_FEED_BYTES) { tooLarge = true; res.destroy(); return; }
        chunks.push(chunk);
      });
      const finish = () => resolve({
        status: res.statusCode ?? 0, location: res.headers.location, contentType: res.headers['content-type'] ?? null,
        body: tooLarge ? null : Buffer.concat(chunks).toString('utf8'), tooLarge,
      });
      res.on('end', finish);
      res.on('close', () => { if (tooLarge) finish(); });
      res.on('error', (e) => (tooLarge ? finish() : reject(e)));
    });
    req.on('error', reject);
    req.end();
  });
}
