/**
 * THE list of variables each notification template may use, with what each holds. Save
 * validation refuses any other (mail-templates/check-mail-template.ts), the API lists
 * them (GET /tickets/api/mail-templates/), the preview fills them, and docs/mail-templates.md
 * describes them; a task that passes a new variable adds it here first.
 * `kind: 'url'` marks our own links: the only values that may stand inside an HTML tag
 * (`<a href="{{ticket.url}}">`). `kind: 'html'` is HTML we sanitised ourselves.
 */
import type { TemplateKey } from './template-set.ts';

export interface TemplateVariable { name: string; description: string; kind?: 'url' | 'html' }

const v = (name: string, description: string, kind?: TemplateVariable['kind']): TemplateVariable => ({ name, description, ...(kind && { kind }) });

/** What every mail about a ticket can show (ticket-scope.ts scopeVars, and the recipient). */
const TICKET: TemplateVariable[] = [
  v('ticket.number', 'the ticket number, e.g. TK-000042'),
  v('ticket.subject', 'the ticket subject'),
  v('ticket.status', 'the ticket status: open, pending, on_hold, resolved, closed…'),
  v('ticket.url', 'the link to the ticket', 'url'),
  v('department.name', 'the department the ticket is in'),
  v('requester.name', 'the name of the person who opened the ticket'),
  v('requester.email', 'the address of the person who opened the ticket'),
  v('tenant.name', 'the name of your helpdesk (the tenant)'),
  v('recipient.name', 'the name of the person this mail goes to'),
];
const ACTOR = v('actor.name', 'who did what the mail tells (the agent who replied, assigned, transferred, resolved…)');
/** An SLA alert (docs/sla.md): which target, and its due time in UTC. */
const SLA = [v('sla.target', 'the SLA target: first_response or resolution'), v('sla.due_at', 'when the target is or was due, e.g. 2026-12-01 10:00 UTC')];
const MESSAGE = [
  v('message.text', 'the message, as plain text'),
  v('message.html', 'the message, as sanitised HTML (in the text part it shows as plain text)', 'html'),
];

/** The links of a resolution mail (docs/satisfaction.md): one token per resolution, only for its requester. */
const RESOLUTION = [
  v('confirm.url', 'the link that confirms the resolution (a page with a button: it closes the ticket)', 'url'),
  v('reopen.url', 'the link that reopens the ticket (a page with a button)', 'url'),
  v('survey.text', 'the satisfaction survey with its rating links, as text; empty when no survey is on'),
  v('survey.html', 'the satisfaction survey with its rating links, as HTML; empty when no survey is on', 'html'),
];

export const TEMPLATE_VARIABLES: Readonly<Record<TemplateKey, readonly TemplateVariable[]>> = {
  confirmation: TICKET,
  new_ticket: [...TICKET, ...MESSAGE],
  agent_reply: [...TICKET, ACTOR, ...MESSAGE],
  customer_reply: [...TICKET, ACTOR, ...MESSAGE],
  assigned: [...TICKET, ACTOR],
  transferred: [...TICKET, ACTOR],
  mentioned: [...TICKET, ACTOR, ...MESSAGE],
  resolved: [...TICKET, ACTOR, ...RESOLUTION],
  rated_bad: [...TICKET, v('rating.value', 'the rating given, e.g. 2 / 5 or bad'), v('rating.comment', "the requester's comment (may be empty)")],
  sla_warning: [...TICKET, ...SLA],
  sla_breached: [...TICKET, ...SLA],
  report_summary: [
    v('tenant.name', 'the name of your helpdesk (the tenant)'), v('recipient.name', 'the name of the person this mail goes to'),
    v('report.from', 'the first day of the period, e.g. 2026-11-23'), v('report.to', 'the last day of the period'),
    v('report.created', 'tickets created in the period'), v('report.solved', 'tickets solved in the period'),
    v('report.first_response', 'median time to first response, e.g. 42 min (or -)'), v('report.resolution', 'median time to resolution'),
    v('report.sla', 'SLA compliance, e.g. 93% (or -)'), v('report.csat', 'CSAT score, e.g. 88% of 25 ratings (or -)'),
    v('report.backlog', 'active tickets now'), v('report.url', 'the link to the dashboard', 'url'),
  ],
  ticket_close_reminder: [...TICKET, v('close.date', 'the day the ticket will be closed if nobody answers, e.g. 2026-12-15')],
};

/** Every template key, in the order above. */
export const TEMPLATE_KEYS = Object.keys(TEMPLATE_VARIABLES) as TemplateKey[];

/** Whether a string names a template. */
export const isTemplateKey = (key: string): key is TemplateKey => Object.hasOwn(TEMPLATE_VARIABLES, key);
