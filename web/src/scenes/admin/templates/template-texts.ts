/**
 * The mail templates and their variables in words (translation keys). The API's variable
 * descriptions are English only; this table is what every language shows, keyed by name
 * (the API's text is the fallback for a variable added later).
 */
import type { TemplateKey } from '../../../../../src/mail/outbound/notifications/templates/template-set.ts';

export const TEMPLATE_LABELS: Record<TemplateKey, { name: string; when: string }> = {
  confirmation: { name: 'Confirmation', when: 'To the requester, when a ticket is opened.' },
  new_ticket: { name: 'New ticket', when: "To the assignee or the department's agents, when a ticket is opened." },
  agent_reply: { name: 'Agent reply', when: "To the requester and the ticket's recipients: an agent's answer." },
  customer_reply: { name: 'Customer reply', when: "To the assignee or the department's agents: the customer wrote." },
  assigned: { name: 'Assigned', when: 'To the agent a ticket was assigned to.' },
  transferred: { name: 'Transferred', when: 'To the agents of the department a ticket moved to.' },
  mentioned: { name: 'Mentioned', when: 'To an agent named with @ in an internal note.' },
  resolved: { name: 'Resolved', when: 'To the requester, asking to confirm the resolution or reopen.' },
  ticket_close_reminder: { name: 'Close reminder', when: 'To the requester, when an inactive ticket will soon be closed.' },
  sla_warning: { name: 'SLA due soon', when: "To the assignee or the department's agents, when an SLA target nears its due time." },
  sla_breached: { name: 'SLA breached', when: "To the assignee or the department's agents, when an SLA target's due time passes." },
  rated_bad: { name: 'Bad rating', when: 'To the agent the ticket was assigned to when it was resolved, when the requester rates it badly.' },
  report_summary: { name: 'Summary report', when: 'To the admins in the summary mail recipients setting: the figures of the last day or week.' },
};

export const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Spanish', 'pt-BR': 'Brazilian Portuguese' };

export const VARIABLE_TEXTS: Record<string, string> = {
  'ticket.number': 'The ticket number, e.g. TK-000042',
  'ticket.subject': 'The ticket subject',
  'ticket.status': 'The ticket status',
  'ticket.url': 'The link to the ticket (may stand inside an HTML tag)',
  'department.name': 'The department the ticket is in',
  'requester.name': 'The name of the person who opened the ticket',
  'requester.email': 'The address of the person who opened the ticket',
  'tenant.name': 'The name of your helpdesk',
  'recipient.name': 'The name of the person this mail goes to',
  'actor.name': 'Who did what the mail tells (the agent who replied, assigned…)',
  'message.text': 'The message, as plain text',
  'message.html': 'The message, as sanitised HTML',
  'close.date': 'The day the ticket will be closed if nobody answers',
  'confirm.url': 'The link that confirms the resolution and closes the ticket',
  'reopen.url': 'The link that reopens the ticket',
  'survey.text': 'The satisfaction survey with its rating links, as text (empty when off)',
  'survey.html': 'The satisfaction survey with its rating links, as HTML (empty when off)',
  'rating.value': 'The rating given, e.g. 2 / 5 or bad',
  'rating.comment': "The requester's comment",
};
