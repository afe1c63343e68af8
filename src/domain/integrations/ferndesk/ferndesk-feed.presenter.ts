/**
 * A conversation as Ferndesk reads it (seed 004): `{id, url, lastMessageAt, messages:
 * [{id, role, content, createdAt}]}`, the content in plain text, `role` `user` for the
 * customer and the tenant's role name (`agent` or `support_agent`) for staff.
 */
import { htmlToText } from '../../shared/html.ts';
import type { FeedMessage, FeedTicket } from './ferndesk.repo.ts';

export interface FeedMessageOut { id: string; role: string; content: string; createdAt: string }
export interface FeedConversation { id: string; url: string; lastMessageAt: string; messages: FeedMessageOut[] }

const iso = (at: string | Date): string => new Date(at).toISOString();

/** Who wrote it, as Ferndesk names it: the requester and any customer are the user; staff and Parley itself, the agent. */
function roleOf(m: FeedMessage, t: FeedTicket, roleName: string): string {
  if (m.author_id !== null && (m.author_id === t.requester_id || m.author_role === 'customer')) return 'user';
  return roleName;
}

/** The conversation of a ticket from its public messages (oldest first), or null when it has none. */
export function presentFeedConversation(t: FeedTicket, messages: FeedMessage[], o: { baseUrl: string; roleName: string; maxMessages: number }): FeedConversation | null {
  const out = messages
    .map((m) => ({ id: m.id, role: roleOf(m, t, o.roleName), content: m.body.trim() || (m.body_html ? htmlToText(m.body_html) : ''), createdAt: iso(m.published_at ?? m.created_at) }))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
    .slice(-o.maxMessages);
  if (out.length === 0) return null;
  return { id: t.id, url: `${o.baseUrl}/tickets/${t.id}/`, lastMessageAt: out[out.length - 1].createdAt, messages: out };
}
