/** Plantillas de notificación en español (solo datos; las variables, en template-set.ts). */
import { footerHtml, TICKET_SUBJECT, type TemplateSet } from './template-set.ts';

const link = '<a href="{{ticket.url}}">{{ticket.number}}</a>';

export const es: TemplateSet = {
  confirmation: {
    subject: TICKET_SUBJECT,
    text: 'Hola, {{recipient.name}}:\n\nHemos recibido tu solicitud «{{ticket.subject}}» y abierto el ticket {{ticket.number}}. Te responderemos lo antes posible.\n\nPuedes seguirlo en {{ticket.url}} o responder a este correo para añadir algo.\n\n-- \n{{department.name}}\n',
    html: '<p>Hola, {{recipient.name}}:</p><p>Hemos recibido tu solicitud «{{ticket.subject}}» y abierto el ticket {{ticket.number}}. Te responderemos lo antes posible.</p><p>Puedes seguirlo en ' + link + ' o responder a este correo para añadir algo.</p>' + footerHtml('{{department.name}}'),
  },
  new_ticket: {
    subject: '[{{ticket.number}}] Nuevo ticket: {{ticket.subject}}',
    text: 'Nuevo ticket {{ticket.number}} de {{requester.name}} <{{requester.email}}> en {{department.name}}:\n\n{{message.text}}\n\n-- \nÁbrelo: {{ticket.url}}\n',
    html: '<p>Nuevo ticket ' + link + ' de {{requester.name}} &lt;{{requester.email}}&gt; en {{department.name}}:</p>{{message.html}}' + footerHtml('Ábrelo: ' + link),
  },
  agent_reply: {
    subject: TICKET_SUBJECT,
    text: '{{message.text}}\n\n-- \n{{actor.name}}, {{department.name}}\nTicket {{ticket.number}}: {{ticket.url}}\n',
    html: '{{message.html}}' + footerHtml('{{actor.name}}, {{department.name}} · ticket ' + link),
  },
  customer_reply: {
    subject: '[{{ticket.number}}] Nueva respuesta: {{ticket.subject}}',
    text: '{{actor.name}} respondió en el ticket {{ticket.number}}:\n\n{{message.text}}\n\n-- \nÁbrelo: {{ticket.url}}\n',
    html: '<p>{{actor.name}} respondió en el ticket ' + link + ':</p>{{message.html}}' + footerHtml('Ábrelo: ' + link),
  },
  assigned: {
    subject: '[{{ticket.number}}] Asignado a ti: {{ticket.subject}}',
    text: 'Hola, {{recipient.name}}:\n\n{{actor.name}} te asignó el ticket {{ticket.number}} «{{ticket.subject}}».\n\n-- \nÁbrelo: {{ticket.url}}\n',
    html: '<p>Hola, {{recipient.name}}:</p><p>{{actor.name}} te asignó el ticket ' + link + ' «{{ticket.subject}}».</p>',
  },
  transferred: {
    subject: '[{{ticket.number}}] Transferido a {{department.name}}: {{ticket.subject}}',
    text: 'Hola, {{recipient.name}}:\n\n{{actor.name}} transfirió el ticket {{ticket.number}} «{{ticket.subject}}» a {{department.name}}.\n\n-- \nÁbrelo: {{ticket.url}}\n',
    html: '<p>Hola, {{recipient.name}}:</p><p>{{actor.name}} transfirió el ticket ' + link + ' «{{ticket.subject}}» a {{department.name}}.</p>',
  },
  mentioned: {
    subject: '[{{ticket.number}}] {{actor.name}} te mencionó: {{ticket.subject}}',
    text: 'Hola, {{recipient.name}}:\n\n{{actor.name}} te mencionó en una nota interna del ticket {{ticket.number}} «{{ticket.subject}}»:\n\n{{message.text}}\n\n-- \nÁbrelo: {{ticket.url}}\n',
    html: '<p>Hola, {{recipient.name}}:</p><p>{{actor.name}} te mencionó en una nota interna del ticket ' + link + ' «{{ticket.subject}}»:</p><blockquote>{{message.html}}</blockquote>',
  },
  resolved: {
    subject: TICKET_SUBJECT,
    text: 'Hola, {{recipient.name}}:\n\nHemos marcado tu ticket {{ticket.number}} «{{ticket.subject}}» como resuelto.\n\n¿Quedó solucionado? Confírmalo y cerraremos el ticket:\n{{confirm.url}}\n\n¿No quedó solucionado? Responde a este correo contándonos qué sigue fallando, o reabre el ticket aquí:\n{{reopen.url}}\n{{survey.text}}\n-- \n{{department.name}}\n{{ticket.url}}\n',
    html: '<p>Hola, {{recipient.name}}:</p><p>Hemos marcado tu ticket ' + link + ' «{{ticket.subject}}» como resuelto.</p><p><a href="{{confirm.url}}">Sí, quedó solucionado: cerrar el ticket</a></p><p>¿No quedó solucionado? Responde a este correo contándonos qué sigue fallando, o <a href="{{reopen.url}}">reabre el ticket</a>.</p>{{survey.html}}' + footerHtml('{{department.name}}'),
  },
  rated_bad: {
    subject: '[{{ticket.number}}] Valoración {{rating.value}}: {{ticket.subject}}',
    text: 'Hola, {{recipient.name}}:\n\n{{requester.name}} valoró la resolución del ticket {{ticket.number}} «{{ticket.subject}}»: {{rating.value}}.\n\n{{rating.comment}}\n\n-- \nÁbrelo: {{ticket.url}}\n',
    html: '<p>Hola, {{recipient.name}}:</p><p>{{requester.name}} valoró la resolución del ticket ' + link + ' «{{ticket.subject}}»: <strong>{{rating.value}}</strong>.</p><blockquote>{{rating.comment}}</blockquote>',
  },
  sla_warning: {
    subject: '[{{ticket.number}}] SLA a punto de vencer: {{ticket.subject}}',
    text: 'Hola, {{recipient.name}}:\n\nEl ticket {{ticket.number}} «{{ticket.subject}}» está cerca de su vencimiento de SLA ({{sla.target}}): {{sla.due_at}}.\n\n-- \nÁbrelo: {{ticket.url}}\n',
    html: '<p>Hola, {{recipient.name}}:</p><p>El ticket ' + link + ' «{{ticket.subject}}» está cerca de su vencimiento de SLA ({{sla.target}}): {{sla.due_at}}.</p>',
  },
  sla_breached: {
    subject: '[{{ticket.number}}] SLA incumplido: {{ticket.subject}}',
    text: 'Hola, {{recipient.name}}:\n\nEl ticket {{ticket.number}} «{{ticket.subject}}» superó su vencimiento de SLA ({{sla.target}}): {{sla.due_at}}.\n\n-- \nÁbrelo: {{ticket.url}}\n',
    html: '<p>Hola, {{recipient.name}}:</p><p>El ticket ' + link + ' «{{ticket.subject}}» superó su vencimiento de SLA ({{sla.target}}): {{sla.due_at}}.</p>',
  },
  ticket_close_reminder: {
    subject: TICKET_SUBJECT,
    text: 'Hola, {{recipient.name}}:\n\nTu ticket {{ticket.number}} «{{ticket.subject}}» lleva un tiempo sin novedades. Si no sabemos de ti, lo cerraremos el {{close.date}}.\n\nSi todavía necesitas ayuda, responde a este correo o contesta en {{ticket.url}} y seguirá abierto.\n\n-- \n{{department.name}}\n',
    html: '<p>Hola, {{recipient.name}}:</p><p>Tu ticket {{ticket.number}} «{{ticket.subject}}» lleva un tiempo sin novedades. Si no sabemos de ti, lo cerraremos el {{close.date}}.</p><p>Si todavía necesitas ayuda, responde a este correo o contesta en ' + link + ' y seguirá abierto.</p>' + footerHtml('{{department.name}}'),
  },
  report_summary: {
    subject: 'Resumen {{report.from}} – {{report.to}}: {{report.created}} creados, {{report.solved}} resueltos',
    text: 'Hola, {{recipient.name}}:\n\nEl resumen de {{tenant.name}} del {{report.from}} al {{report.to}}:\n\nCreados: {{report.created}}\nResueltos: {{report.solved}}\nPrimera respuesta (mediana): {{report.first_response}}\nResolución (mediana): {{report.resolution}}\nCumplimiento del SLA: {{report.sla}}\nCSAT: {{report.csat}}\nTickets activos ahora: {{report.backlog}}\n\n-- \nPanel: {{report.url}}\n',
    html: '<p>Hola, {{recipient.name}}:</p><p>El resumen de {{tenant.name}} del {{report.from}} al {{report.to}}:</p><table><tr><th scope="row">Creados</th><td>{{report.created}}</td></tr><tr><th scope="row">Resueltos</th><td>{{report.solved}}</td></tr><tr><th scope="row">Primera respuesta (mediana)</th><td>{{report.first_response}}</td></tr><tr><th scope="row">Resolución (mediana)</th><td>{{report.resolution}}</td></tr><tr><th scope="row">Cumplimiento del SLA</th><td>{{report.sla}}</td></tr><tr><th scope="row">CSAT</th><td>{{report.csat}}</td></tr><tr><th scope="row">Tickets activos ahora</th><td>{{report.backlog}}</td></tr></table>' + footerHtml('<a href="{{report.url}}">Panel</a>'),
  },
};