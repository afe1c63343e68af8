/** Modelos de notificação em português do Brasil (só dados; as variáveis, em template-set.ts). */
import { footerHtml, TICKET_SUBJECT, type TemplateSet } from './template-set.ts';

const link = '<a href="{{ticket.url}}">{{ticket.number}}</a>';

export const ptBR: TemplateSet = {
  confirmation: {
    subject: TICKET_SUBJECT,
    text: 'Olá, {{recipient.name}},\n\nRecebemos sua solicitação "{{ticket.subject}}" e abrimos o ticket {{ticket.number}}. Responderemos assim que possível.\n\nAcompanhe em {{ticket.url}} ou responda a este e-mail para acrescentar algo.\n\n-- \n{{department.name}}\n',
    html: '<p>Olá, {{recipient.name}},</p><p>Recebemos sua solicitação “{{ticket.subject}}” e abrimos o ticket {{ticket.number}}. Responderemos assim que possível.</p><p>Acompanhe em ' + link + ' ou responda a este e-mail para acrescentar algo.</p>' + footerHtml('{{department.name}}'),
  },
  new_ticket: {
    subject: '[{{ticket.number}}] Novo ticket: {{ticket.subject}}',
    text: 'Novo ticket {{ticket.number}} de {{requester.name}} <{{requester.email}}> em {{department.name}}:\n\n{{message.text}}\n\n-- \nAbrir: {{ticket.url}}\n',
    html: '<p>Novo ticket ' + link + ' de {{requester.name}} &lt;{{requester.email}}&gt; em {{department.name}}:</p>{{message.html}}' + footerHtml('Abrir: ' + link),
  },
  agent_reply: {
    subject: TICKET_SUBJECT,
    text: '{{message.text}}\n\n-- \n{{actor.name}}, {{department.name}}\nTicket {{ticket.number}}: {{ticket.url}}\n',
    html: '{{message.html}}' + footerHtml('{{actor.name}}, {{department.name}} · ticket ' + link),
  },
  customer_reply: {
    subject: '[{{ticket.number}}] Nova resposta: {{ticket.subject}}',
    text: '{{actor.name}} respondeu no ticket {{ticket.number}}:\n\n{{message.text}}\n\n-- \nAbrir: {{ticket.url}}\n',
    html: '<p>{{actor.name}} respondeu no ticket ' + link + ':</p>{{message.html}}' + footerHtml('Abrir: ' + link),
  },
  assigned: {
    subject: '[{{ticket.number}}] Atribuído a você: {{ticket.subject}}',
    text: 'Olá, {{recipient.name}},\n\n{{actor.name}} atribuiu a você o ticket {{ticket.number}} "{{ticket.subject}}".\n\n-- \nAbrir: {{ticket.url}}\n',
    html: '<p>Olá, {{recipient.name}},</p><p>{{actor.name}} atribuiu a você o ticket ' + link + ' “{{ticket.subject}}”.</p>',
  },
  transferred: {
    subject: '[{{ticket.number}}] Transferido para {{department.name}}: {{ticket.subject}}',
    text: 'Olá, {{recipient.name}},\n\n{{actor.name}} transferiu o ticket {{ticket.number}} "{{ticket.subject}}" para {{department.name}}.\n\n-- \nAbrir: {{ticket.url}}\n',
    html: '<p>Olá, {{recipient.name}},</p><p>{{actor.name}} transferiu o ticket ' + link + ' “{{ticket.subject}}” para {{department.name}}.</p>',
  },
  mentioned: {
    subject: '[{{ticket.number}}] {{actor.name}} mencionou você: {{ticket.subject}}',
    text: 'Olá, {{recipient.name}},\n\n{{actor.name}} mencionou você em uma nota interna do ticket {{ticket.number}} "{{ticket.subject}}":\n\n{{message.text}}\n\n-- \nAbrir: {{ticket.url}}\n',
    html: '<p>Olá, {{recipient.name}},</p><p>{{actor.name}} mencionou você em uma nota interna do ticket ' + link + ' “{{ticket.subject}}”:</p><blockquote>{{message.html}}</blockquote>',
  },
  resolved: {
    subject: TICKET_SUBJECT,
    text: 'Olá, {{recipient.name}},\n\nMarcamos seu ticket {{ticket.number}} "{{ticket.subject}}" como resolvido.\n\nSe o problema foi solucionado, não é preciso fazer nada. Se não, responda a este e-mail ou reabra o ticket em {{ticket.url}} e continuaremos.\n\n-- \n{{department.name}}\n',
    html: '<p>Olá, {{recipient.name}},</p><p>Marcamos seu ticket {{ticket.number}} “{{ticket.subject}}” como resolvido.</p><p>Se o problema foi solucionado, não é preciso fazer nada. Se não, responda a este e-mail ou reabra o ticket em ' + link + ' e continuaremos.</p>' + footerHtml('{{department.name}}'),
  },
  sla_warning: {
    subject: '[{{ticket.number}}] SLA perto do vencimento: {{ticket.subject}}',
    text: 'Olá, {{recipient.name}},\n\nO ticket {{ticket.number}} "{{ticket.subject}}" está perto do vencimento do SLA ({{sla.target}}): {{sla.due_at}}.\n\n-- \nAbra-o: {{ticket.url}}\n',
    html: '<p>Olá, {{recipient.name}},</p><p>O ticket ' + link + ' “{{ticket.subject}}” está perto do vencimento do SLA ({{sla.target}}): {{sla.due_at}}.</p>',
  },
  sla_breached: {
    subject: '[{{ticket.number}}] SLA violado: {{ticket.subject}}',
    text: 'Olá, {{recipient.name}},\n\nO ticket {{ticket.number}} "{{ticket.subject}}" passou do vencimento do SLA ({{sla.target}}): {{sla.due_at}}.\n\n-- \nAbra-o: {{ticket.url}}\n',
    html: '<p>Olá, {{recipient.name}},</p><p>O ticket ' + link + ' “{{ticket.subject}}” passou do vencimento do SLA ({{sla.target}}): {{sla.due_at}}.</p>',
  },
  ticket_close_reminder: {
    subject: TICKET_SUBJECT,
    text: 'Olá, {{recipient.name}},\n\nSeu ticket {{ticket.number}} "{{ticket.subject}}" está há algum tempo sem novidades. Se não tivermos notícias suas, vamos fechá-lo em {{close.date}}.\n\nSe ainda precisar de ajuda, responda a este e-mail ou responda em {{ticket.url}} e ele continuará aberto.\n\n-- \n{{department.name}}\n',
    html: '<p>Olá, {{recipient.name}},</p><p>Seu ticket {{ticket.number}} “{{ticket.subject}}” está há algum tempo sem novidades. Se não tivermos notícias suas, vamos fechá-lo em {{close.date}}.</p><p>Se ainda precisar de ajuda, responda a este e-mail ou responda em ' + link + ' e ele continuará aberto.</p>' + footerHtml('{{department.name}}'),
  },
};
