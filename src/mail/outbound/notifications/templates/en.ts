/** English notification templates (data only; see template-set.ts for the variables). */
import { footerHtml, TICKET_SUBJECT, type TemplateSet } from './template-set.ts';

const link = '<a href="{{ticket.url}}">{{ticket.number}}</a>';

export const en: TemplateSet = {
  confirmation: {
    subject: TICKET_SUBJECT,
    text: 'Hello {{recipient.name}},\n\nWe received your request "{{ticket.subject}}" and opened ticket {{ticket.number}}. We will answer you as soon as we can.\n\nFollow it at {{ticket.url}} or reply to this mail to add anything.\n\n-- \n{{department.name}}\n',
    html: '<p>Hello {{recipient.name}},</p><p>We received your request “{{ticket.subject}}” and opened ticket {{ticket.number}}. We will answer you as soon as we can.</p><p>Follow it at ' + link + ' or reply to this mail to add anything.</p>' + footerHtml('{{department.name}}'),
  },
  new_ticket: {
    subject: '[{{ticket.number}}] New ticket: {{ticket.subject}}',
    text: 'New ticket {{ticket.number}} from {{requester.name}} <{{requester.email}}> in {{department.name}}:\n\n{{message.text}}\n\n-- \nOpen it: {{ticket.url}}\n',
    html: '<p>New ticket ' + link + ' from {{requester.name}} &lt;{{requester.email}}&gt; in {{department.name}}:</p>{{message.html}}' + footerHtml('Open it: ' + link),
  },
  agent_reply: {
    subject: TICKET_SUBJECT,
    text: '{{message.text}}\n\n-- \n{{actor.name}}, {{department.name}}\nTicket {{ticket.number}}: {{ticket.url}}\n',
    html: '{{message.html}}' + footerHtml('{{actor.name}}, {{department.name}} · ticket ' + link),
  },
  customer_reply: {
    subject: '[{{ticket.number}}] New reply: {{ticket.subject}}',
    text: '{{actor.name}} replied on ticket {{ticket.number}}:\n\n{{message.text}}\n\n-- \nOpen it: {{ticket.url}}\n',
    html: '<p>{{actor.name}} replied on ticket ' + link + ':</p>{{message.html}}' + footerHtml('Open it: ' + link),
  },
  assigned: {
    subject: '[{{ticket.number}}] Assigned to you: {{ticket.subject}}',
    text: 'Hello {{recipient.name}},\n\n{{actor.name}} assigned ticket {{ticket.number}} "{{ticket.subject}}" to you.\n\n-- \nOpen it: {{ticket.url}}\n',
    html: '<p>Hello {{recipient.name}},</p><p>{{actor.name}} assigned ticket ' + link + ' “{{ticket.subject}}” to you.</p>',
  },
  transferred: {
    subject: '[{{ticket.number}}] Transferred to {{department.name}}: {{ticket.subject}}',
    text: 'Hello {{recipient.name}},\n\n{{actor.name}} transferred ticket {{ticket.number}} "{{ticket.subject}}" to {{department.name}}.\n\n-- \nOpen it: {{ticket.url}}\n',
    html: '<p>Hello {{recipient.name}},</p><p>{{actor.name}} transferred ticket ' + link + ' “{{ticket.subject}}” to {{department.name}}.</p>',
  },
  mentioned: {
    subject: '[{{ticket.number}}] {{actor.name}} mentioned you: {{ticket.subject}}',
    text: 'Hello {{recipient.name}},\n\n{{actor.name}} mentioned you in an internal note on ticket {{ticket.number}} "{{ticket.subject}}":\n\n{{message.text}}\n\n-- \nOpen it: {{ticket.url}}\n',
    html: '<p>Hello {{recipient.name}},</p><p>{{actor.name}} mentioned you in an internal note on ticket ' + link + ' “{{ticket.subject}}”:</p><blockquote>{{message.html}}</blockquote>',
  },
  resolved: {
    subject: TICKET_SUBJECT,
    text: 'Hello {{recipient.name}},\n\nWe marked your ticket {{ticket.number}} "{{ticket.subject}}" as resolved.\n\nIs it solved? Confirm it and we will close the ticket:\n{{confirm.url}}\n\nNot solved? Reply to this mail saying what is still wrong, or reopen the ticket here:\n{{reopen.url}}\n{{survey.text}}\n-- \n{{department.name}}\n{{ticket.url}}\n',
    html: '<p>Hello {{recipient.name}},</p><p>We marked your ticket ' + link + ' “{{ticket.subject}}” as resolved.</p><p><a href="{{confirm.url}}">Yes, it is solved: close the ticket</a></p><p>Not solved? Reply to this mail saying what is still wrong, or <a href="{{reopen.url}}">reopen the ticket</a>.</p>{{survey.html}}' + footerHtml('{{department.name}}'),
  },
  rated_bad: {
    subject: '[{{ticket.number}}] Rated {{rating.value}}: {{ticket.subject}}',
    text: 'Hello {{recipient.name}},\n\n{{requester.name}} rated the resolution of ticket {{ticket.number}} "{{ticket.subject}}": {{rating.value}}.\n\n{{rating.comment}}\n\n-- \nOpen it: {{ticket.url}}\n',
    html: '<p>Hello {{recipient.name}},</p><p>{{requester.name}} rated the resolution of ticket ' + link + ' “{{ticket.subject}}”: <strong>{{rating.value}}</strong>.</p><blockquote>{{rating.comment}}</blockquote>',
  },
  sla_warning: {
    subject: '[{{ticket.number}}] SLA due soon: {{ticket.subject}}',
    text: 'Hello {{recipient.name}},\n\nTicket {{ticket.number}} "{{ticket.subject}}" is close to its SLA due time ({{sla.target}}): {{sla.due_at}}.\n\n-- \nOpen it: {{ticket.url}}\n',
    html: '<p>Hello {{recipient.name}},</p><p>Ticket ' + link + ' “{{ticket.subject}}” is close to its SLA due time ({{sla.target}}): {{sla.due_at}}.</p>',
  },
  sla_breached: {
    subject: '[{{ticket.number}}] SLA breached: {{ticket.subject}}',
    text: 'Hello {{recipient.name}},\n\nTicket {{ticket.number}} "{{ticket.subject}}" missed its SLA due time ({{sla.target}}): {{sla.due_at}}.\n\n-- \nOpen it: {{ticket.url}}\n',
    html: '<p>Hello {{recipient.name}},</p><p>Ticket ' + link + ' “{{ticket.subject}}” missed its SLA due time ({{sla.target}}): {{sla.due_at}}.</p>',
  },
  ticket_close_reminder: {
    subject: TICKET_SUBJECT,
    text: 'Hello {{recipient.name}},\n\nYour ticket {{ticket.number}} "{{ticket.subject}}" has had no news for a while. If we do not hear from you, we will close it on {{close.date}}.\n\nIf you still need help, reply to this mail or answer at {{ticket.url}} and it stays open.\n\n-- \n{{department.name}}\n',
    html: '<p>Hello {{recipient.name}},</p><p>Your ticket {{ticket.number}} “{{ticket.subject}}” has had no news for a while. If we do not hear from you, we will close it on {{close.date}}.</p><p>If you still need help, reply to this mail or answer at ' + link + ' and it stays open.</p>' + footerHtml('{{department.name}}'),
  },
  report_summary: {
    subject: 'Summary {{report.from}} – {{report.to}}: {{report.created}} created, {{report.solved}} solved',
    text: 'Hello {{recipient.name}},\n\nThe summary of {{tenant.name}} from {{report.from}} to {{report.to}}:\n\nCreated: {{report.created}}\nSolved: {{report.solved}}\nFirst response (median): {{report.first_response}}\nResolution (median): {{report.resolution}}\nSLA compliance: {{report.sla}}\nCSAT: {{report.csat}}\nActive tickets now: {{report.backlog}}\n\n-- \nDashboard: {{report.url}}\n',
    html: '<p>Hello {{recipient.name}},</p><p>The summary of {{tenant.name}} from {{report.from}} to {{report.to}}:</p><table><tr><th scope="row">Created</th><td>{{report.created}}</td></tr><tr><th scope="row">Solved</th><td>{{report.solved}}</td></tr><tr><th scope="row">First response (median)</th><td>{{report.first_response}}</td></tr><tr><th scope="row">Resolution (median)</th><td>{{report.resolution}}</td></tr><tr><th scope="row">SLA compliance</th><td>{{report.sla}}</td></tr><tr><th scope="row">CSAT</th><td>{{report.csat}}</td></tr><tr><th scope="row">Active tickets now</th><td>{{report.backlog}}</td></tr></table>' + footerHtml('<a href="{{report.url}}">Dashboard</a>'),
  },
};