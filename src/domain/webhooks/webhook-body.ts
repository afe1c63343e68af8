/**
 * What a webhook message says (docs/webhooks.md), made once at its first attempt:
 *
 * - `standard`: `{"type", "timestamp", "data": {"event_id", "ticket", "changes", "actor", "url"}}`
 *   — the Standard Webhooks envelope, with the ticket as the API presents it to an admin
 *   (as it is when the message is made, right after the event in the usual case), the
 *   event's own payload as `changes`, and who did it.
 * - `slack`: an incoming-webhook message (`{"text"}`, Slack's mrkdwn, also read by
 *   Mattermost, Rocket.Chat and Discord's Slack-compatible endpoint).
 */
import { findEvent } from '../events/events.repo.ts';
import { systemCtx, type Services } from '../shared/context.ts';
import { loadTicketDetails } from '../tickets/ticket-details.ts';
import { presentTicket } from '../tickets/ticket.presenter.ts';
import { findTicket } from '../tickets/tickets.repo.ts';
import { findUserById } from '../users/users.repo.ts';
import { TEST_EVENT } from './webhook-events.ts';
import type { DeliveryRow, WebhookRow } from './webhooks.repo.ts';

type PresentedTicket = ReturnType<typeof presentTicket>;
interface Facts { type: string; timestamp: string; eventId: number | null; ticket: PresentedTicket | null; changes: Record<string, unknown>; actor: { id: string; name: string } | null; url: string | null }

/** The body of a delivery, in the webhook's format. */
export async function webhookBody(services: Services, webhook: WebhookRow, delivery: DeliveryRow, baseUrl: string): Promise<string> {
  const facts = await factsOf(services, delivery, baseUrl);
  return JSON.stringify(webhook.format === 'slack' ? { text: slackText(facts) } : standardEnvelope(facts));
}

async function factsOf(services: Services, delivery: DeliveryRow, baseUrl: string): Promise<Facts> {
  if (delivery.event_name === TEST_EVENT || delivery.event_id === null) {
    return { type: TEST_EVENT, timestamp: delivery.created_at, eventId: null, ticket: null, changes: { message: 'A test event from Parley: this webhook works.' }, actor: null, url: null };
  }
  const ctx = systemCtx(services, delivery.tenant_id, 'jobs');
  const event = await findEvent(ctx.db, ctx.tenantId, delivery.event_id);
  if (!event) throw new Error(`event ${delivery.event_id} of delivery ${delivery.id} is gone`);
  const ticketRow = event.subject_type === 'ticket' ? await findTicket(ctx.db, ctx.tenantId, event.subject_id) : undefined;
  const ticket = ticketRow ? presentTicket(ticketRow, await loadTicketDetails(ctx, [ticketRow])) : null;
  const actorRow = event.actor_id ? await findUserById(ctx.db, ctx.tenantId, event.actor_id) : undefined;
  return {
    type: delivery.event_name,
    timestamp: event.created_at,
    eventId: event.id,
    ticket,
    changes: JSON.parse(event.payload) as Record<string, unknown>,
    actor: actorRow ? { id: actorRow.id, name: actorRow.name } : null,
    url: ticketRow ? `${baseUrl}/tickets/${ticketRow.id}/` : null,
  };
}

function standardEnvelope(f: Facts) {
  return { type: f.type, timestamp: f.timestamp, data: { event_id: f.eventId, ticket: f.ticket, changes: f.changes, actor: f.actor, url: f.url } };
}

/** Slack's mrkdwn needs &, < and > escaped in text that is not markup. */
const esc = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function slackText(f: Facts): string {
  if (!f.ticket) return String(f.changes.message ?? f.type);
  const t = f.ticket;
  const link = f.url ? `<${f.url}|${esc(t.number)}>` : esc(t.number);
  const head = `${link} ${esc(t.subject)}`;
  const by = f.actor ? ` by ${esc(f.actor.name)}` : '';
  const change = (label: string) => `${head}: ${label} ${esc(String(f.changes.old ?? '—'))} → ${esc(String(f.changes.new ?? '—'))}${by}`;
  switch (f.type) {
    case 'ticket.created': return `New ticket ${head} (${t.priority} priority, ${esc(t.department.name)})${t.requester ? ` from ${esc(t.requester.name ?? t.requester.email ?? '')}` : ''}`;
    case 'ticket.resolved': return `${head} was resolved${by}`;
    case 'ticket.status_changed': return change('status');
    case 'ticket.priority_changed': return change('priority');
    case 'ticket.assigned': return `${head}: ${t.assignee ? `assigned to ${esc(t.assignee.name ?? '')}` : 'unassigned'}${by}`;
    case 'ticket.department_changed': return `${head}: moved to ${esc(t.department.name)}${by}`;
    case 'message.created': return `New reply on ${head}${by}`;
    case 'message.published': return `A scheduled reply went out on ${head}`;
    case 'note.created': return `Internal note on ${head}${by}`;
    case 'message.delivery_failed': return `A reply on ${head} could not be delivered to ${esc(String(f.changes.recipient ?? ''))}`;
    default: return `${head}: ${f.type.replace('ticket.', '').replaceAll('_', ' ')}${by}`;
  }
}
