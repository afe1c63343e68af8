/**
 * The variables a preview is rendered with: a sample ticket, or a real one the admin can
 * see (its first message, the admin as the one acting). The recipient is the requester
 * for mail to customers and the admin for mail to staff.
 */
import { isPerson, type Ctx } from '../../../domain/shared/context.ts';
import { findFirstMessageId, findMessage } from '../../../domain/tickets/messages.repo.ts';
import { loadVisibleTicket } from '../../../domain/tickets/load-visible-ticket.ts';
import { NotFoundError } from '../../../domain/shared/errors.ts';
import { messageVars } from '../notifications/message-vars.ts';
import type { TemplateVars } from '../notifications/render-template.ts';
import type { TemplateKey } from '../notifications/templates/template-set.ts';
import { loadTicketScope, scopeVars, type NotifyDeps } from '../notifications/ticket-scope.ts';

const TO_CUSTOMERS: ReadonlySet<TemplateKey> = new Set(['confirmation', 'agent_reply', 'resolved', 'ticket_close_reminder']);
/** The closing day a close reminder announces, in a preview: two days from now. */
const previewCloseDate = () => ({ close: { date: new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10) } });
const SAMPLE_TICKET_ID = '00000000-0000-4000-8000-000000000042';
/** The links of a resolution mail and a bad rating, in a preview: sample links that open nothing (docs/satisfaction.md). */
const previewResolution = (baseUrl: string) => ({
  confirm: { url: `${baseUrl}/tickets/resolution/?action=confirm` }, reopen: { url: `${baseUrl}/tickets/resolution/?action=reopen` },
  survey: { text: '', html: '' }, rating: { value: '2 / 5', comment: 'It took too long.' },
});

/** The install's URL and From, which links and senders in mail need. */
export type PreviewDeps = Pick<NotifyDeps, 'baseUrl' | 'from'>;

/** Variables for `key`, from a real ticket when `ticketId` is given (404 when the actor cannot see it). */
export async function previewVars(ctx: Ctx, deps: PreviewDeps, key: TemplateKey, ticketId: string | null): Promise<TemplateVars> {
  const me = isPerson(ctx.actor) ? ctx.actor.name : 'Parley';
  if (!ticketId) return sampleVars(deps, key, me);
  const ticket = await loadVisibleTicket(ctx, ticketId);
  const s = await loadTicketScope({ ...ctx, ...deps }, ctx.tenantId, ticket.id);
  if (!s) throw new NotFoundError('ticket');
  const firstId = await findFirstMessageId(ctx.db, ctx.tenantId, ticket.id);
  const first = firstId ? await findMessage(ctx.db, ctx.tenantId, firstId) : undefined;
  return {
    ...scopeVars(s),
    ...messageVars(first ?? { body: '', body_html: null }),
    actor: { name: me },
    recipient: { name: TO_CUSTOMERS.has(key) ? (s.requester?.name ?? '') : me },
    ...previewCloseDate(),
    ...previewResolution(deps.baseUrl),
  };
}

function sampleVars(deps: PreviewDeps, key: TemplateKey, me: string): TemplateVars {
  const requester = { name: 'Carla Customer', email: 'carla@example.com' };
  return {
    ticket: { number: 'TK-000042', subject: 'Cannot sign in to my account', url: `${deps.baseUrl}/tickets/${SAMPLE_TICKET_ID}/`, status: 'open' },
    department: { name: 'Support' },
    requester,
    tenant: { name: 'Your helpdesk' },
    ...messageVars({ body: 'Hello,\n\nI cannot sign in since this morning: it says my password is wrong.\n\nThanks,\nCarla', body_html: null }),
    actor: { name: me },
    recipient: { name: TO_CUSTOMERS.has(key) ? requester.name : me },
    ...previewCloseDate(),
    ...previewResolution(deps.baseUrl),
  };
}
