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
    text: 'Olá, {{recipient.name}},\n\nMarcamos seu ticket {{ticket.number}} "{{ticket.subject}}" como resolvido.\n\nFoi resolvido? Confirme e fecharemos o ticket:\n{{confirm.url}}\n\nNão foi resolvido? Responda a este e-mail contando o que ainda está errado, ou reabra o ticket aqui:\n{{reopen.url}}\n{{survey.text}}\n-- \n{{department.name}}\n{{ticket.url}}\n',
    html: '<p>Olá, {{recipient.name}},</p><p>Marcamos seu ticket ' + link + ' “{{ticket.subject}}” como resolvido.</p><p><a href="{{confirm.url}}">Sim, foi resolvido: fechar o ticket</a></p><p>Não foi resolvido? Responda a este e-mail contando o que ainda está errado, ou <a href="{{reopen.url}}">reabra o ticket</a>.</p>{{survey.html}}' + footerHtml('{{department.name}}'),
  },
  rated_bad: {
    subject: '[{{ticket.number}}] Avaliação {{rating.value}}: {{ticket.subject}}',
    text: 'Olá, {{recipient.name}},\n\n{{requester.name}} avaliou a resolução do ticket {{ticket.number}} "{{ticket.subject}}": {{rating.value}}.\n\n{{rating.comment}}\n\n-- \nAbra-o: {{ticket.url}}\n',
    html: '<p>Olá, {{recipient.name}},</p><p>{{requester.name}} avaliou a resolução do ticket ' + link + ' “{{ticket.subject}}”: <strong>{{rating.value}}</strong>.</p><blockquote>{{rating.comment}}</blockquote>',
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
  report_summary: {
    subject: 'Resumo {{report.from}} – {{report.to}}: {{report.created}} criados, {{report.solved}} resolvidos',
    text: 'Olá, {{recipient.name}},\n\nO resumo de {{tenant.name}} de {{report.from}} a {{report.to}}:\n\nCriados: {{report.created}}\nResolvidos: {{report.solved}}\nPrimeira resposta (mediana): {{report.first_response}}\nResolução (mediana): {{report.resolution}}\nCumprimento do SLA: {{report.sla}}\nCSAT: {{report.csat}}\nTickets ativos agora: {{report.backlog}}\n\n-- \nPainel: {{report.url}}\n',
    html: '<p>Olá, {{recipient.name}},</p><p>O resumo de {{tenant.name}} de {{report.from}} a {{report.to}}:</p><table><tr><th scope="row">Criados</th><td>{{report.created}}</td></tr><tr><th scope="row">Resolvidos</th><td>{{report.solved}}</td></tr><tr><th scope="row">Primeira resposta (mediana)</th><td>{{report.first_response}}</td></tr><tr><th scope="row">Resolução (mediana)</th><td>{{report.resolution}}</td></tr><tr><th scope="row">Cumprimento do SLA</th><td>{{report.sla}}</td></tr><tr><th scope="row">CSAT</th><td>{{report.csat}}</td></tr><tr><th scope="row">Tickets ativos agora</th><td>{{report.backlog}}</td></tr></table>' + footerHtml('<a href="{{report.url}}">Painel</a>'),
  },
};