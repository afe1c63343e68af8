/**
 * The "Test" action the seed recommends: fetch the endpoint's URL as Ferndesk would (over
 * HTTP, through the outbound guard, which is told to allow this instance's own host) and
 * report, step by step, whether it was reachable, answered JSON, and matched the format
 * field by field. Only this instance's own feed URLs are fetched: the action is no way to
 * make Parley request arbitrary addresses.
 */
import { outboundPolicy, type OutboundPolicy } from '../../../net/outbound-guard.ts';
import type { Ctx } from '../../shared/context.ts';
import { ValidationError } from '../../shared/errors.ts';
import { checkFerndeskFormat, type FormatProblem } from './ferndesk-format.ts';
import { authorizeFerndesk } from './ferndesk.policy.ts';
import { fetchFeed } from './fetch-feed.ts';
import { FEED_PATH_PREFIX } from './manage-ferndesk.ts';

export interface FerndeskTestReport {
  url: string; reachable: boolean; status: number | null; duration_ms: number; error: string | null;
  valid_json: boolean; schema_errors: FormatProblem[]; conversations: number | null; messages: number | null; ok: boolean;
}

/** This instance's policy, plus its own host (the feed is served here, often on a private address). */
function withOwnHost(policy: OutboundPolicy, baseUrl: string): OutboundPolicy {
  return { hosts: new Set([...policy.hosts, new URL(baseUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase()]), ranges: policy.ranges };
}

export async function testFerndeskEndpoint(ctx: Ctx, input: { url: string; startDate: string }, o: { baseUrl: string; timeoutMs: number }): Promise<FerndeskTestReport> {
  authorizeFerndesk(ctx.actor, 'test');
  let target: URL;
  try { target = new URL(input.url); } catch { throw ValidationError.field('url', 'must be the URL the endpoint was enabled with'); }
  if (`${target.origin}${target.pathname}`.indexOf(`${o.baseUrl}${FEED_PATH_PREFIX}`) !== 0) {
    throw ValidationError.field('url', `must be this instance's Ferndesk URL (${o.baseUrl}${FEED_PATH_PREFIX}…)`);
  }
  target.search = '';
  target.searchParams.set('startDate', input.startDate);
  const url = target.toString();
  const r = await fetchFeed(url, withOwnHost(ctx.outbound ?? outboundPolicy(undefined), o.baseUrl), o.timeoutMs);
  const report: FerndeskTestReport = {
    url, reachable: r.status !== null, status: r.status, duration_ms: r.durationMs, error: r.error,
    valid_json: false, schema_errors: [], conversations: null, messages: null, ok: false,
  };
  if (r.status === null || r.body === null) return report;
  if (r.status !== 200) return { ...report, error: r.status === 404 ? 'the endpoint answered 404: the URL was rotated or disabled, or is mistyped' : `the endpoint answered ${r.status}` };
  let json: unknown;
  try { json = JSON.parse(r.body); } catch { return { ...report, error: 'the answer is not valid JSON' }; }
  const problems = checkFerndeskFormat(json);
  const conversations = problems.length === 0 ? (json as { conversations: Array<{ messages: unknown[] }> }).conversations : null;
  return {
    ...report, valid_json: true, schema_errors: problems,
    conversations: conversations?.length ?? null, messages: conversations ? conversations.reduce((n, c) => n + c.messages.length, 0) : null,
    ok: problems.length === 0,
  };
}
