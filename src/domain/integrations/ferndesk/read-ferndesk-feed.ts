/**
 * The public feed Ferndesk reads (seed 004, docs/ferndesk.md): the tenant's conversations
 * with a public message at or after `since`, each with its public messages in order.
 * Internal notes, system lines and scheduled replies not yet published never appear.
 *
 * Bounded so a large helpdesk answers quickly: a page looks at most `limit` tickets, most
 * recently updated first (the tickets_updated_idx range), keeps those whose last public
 * message is at or after `since`, and answers a cursor to the next page when there may be
 * more. A conversation carries at most MAX_FEED_MESSAGES of its latest messages.
 */
import { hashToken } from '../../auth/secrets.ts';
import type { Services } from '../../shared/context.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { looksLikeFerndeskToken } from './manage-ferndesk.ts';
import { presentFeedConversation, type FeedConversation } from './ferndesk-feed.presenter.ts';
import { findFerndeskByTokenHash, listFeedMessages, listFeedTickets, type FeedMessage } from './ferndesk.repo.ts';

export const DEFAULT_FEED_LIMIT = 50;
export const MAX_FEED_LIMIT = 100;
export const MAX_FEED_MESSAGES = 200;

export interface FeedQuery { since: string; limit: number; after?: { updatedAt: string; id: string } }
export interface FeedPage { tenantId: string; conversations: FeedConversation[]; next: { updatedAt: string; id: string } | null }

const unknownEndpoint = () => new NotFoundError('No such endpoint.');

/** The tenant whose enabled endpoint this token opens; 404 for any other token (unknown, rotated, disabled). */
export async function findFeedTenant(services: Services, token: string): Promise<{ tenantId: string; roleName: string }> {
  if (!looksLikeFerndeskToken(token)) throw unknownEndpoint();
  const row = await findFerndeskByTokenHash(services.db, hashToken(token));
  if (!row?.token_hash) throw unknownEndpoint();
  return { tenantId: row.tenant_id, roleName: row.role_name };
}

/** One page of the feed of an endpoint (found first by findFeedTenant: an unknown token is a 404 whatever the query). */
export async function readFerndeskFeed(services: Services, endpoint: { tenantId: string; roleName: string }, q: FeedQuery, baseUrl: string): Promise<FeedPage> {
  const { tenantId, roleName } = endpoint;
  const tickets = await listFeedTickets(services.db, tenantId, { since: q.since, after: q.after, limit: q.limit + 1 });
  const page = tickets.slice(0, q.limit);
  const messages = await listFeedMessages(services.db, tenantId, page.map((t) => t.id));
  const byTicket = new Map<string, FeedMessage[]>();
  for (const m of messages) {
    // A scheduled reply is the customer's only once published, and dated then.
    if (m.scheduled && !m.published_at) continue;
    const list = byTicket.get(m.ticket_id) ?? [];
    list.push(m);
    byTicket.set(m.ticket_id, list);
  }
  const sinceMs = Date.parse(q.since);
  const conversations: FeedConversation[] = [];
  for (const t of page) {
    const c = presentFeedConversation(t, byTicket.get(t.id) ?? [], { baseUrl, roleName, maxMessages: MAX_FEED_MESSAGES });
    if (c && Date.parse(c.lastMessageAt) >= sinceMs) conversations.push(c);
  }
  const last = page[page.length - 1];
  const next = tickets.length > q.limit ? { updatedAt: toIso(last.updated_at), id: last.id } : null;
  return { tenantId, conversations, next };
}

/** PostgreSQL answers timestamps in its own text form; the feed and its cursor use ISO 8601. */
export const toIso = (at: string | Date): string => new Date(at).toISOString();
