/** The words of the public resolution pages (resolution-page.routes.ts), in the three languages Parley speaks. */
export type PageLanguage = 'en' | 'es' | 'pt-BR';

export interface PageTexts {
  confirmTitle: string; confirmLead: string; confirmButton: string;
  reopenTitle: string; reopenLead: string; reopenButton: string;
  rateTitle: string; rateLead: string; rateLegend: string; comment: string; rateButton: string;
  five: string[]; good: string; bad: string;
  confirmed: string; reopened: string; rated: string; closedAlready: string; ratedAlready: string; surveyOff: string;
  invalid: string; expired: string; changed: string; noRating: string; ticket: string; rateToo: string; refused: string;
}

export const PAGE_TEXTS: Record<PageLanguage, PageTexts> = {
  en: {
    confirmTitle: 'Is your problem solved?', confirmLead: 'We marked ticket {number} "{subject}" as resolved. If it is solved, confirm it and we will close the ticket.', confirmButton: 'Yes, it is solved: close the ticket',
    reopenTitle: 'Reopen your ticket', reopenLead: 'Ticket {number} "{subject}" is marked as resolved. If the problem goes on, reopen it and we will pick it up again. You can also answer the mail to tell us what is still wrong.', reopenButton: 'Reopen the ticket',
    rateTitle: 'How did we do?', rateLead: 'Rate the help you got on ticket {number} "{subject}".', rateLegend: 'Your rating', comment: 'Anything you want to tell us? (optional)', rateButton: 'Send my rating',
    five: ['1 – Very bad', '2 – Bad', '3 – Fair', '4 – Good', '5 – Excellent'], good: 'Good', bad: 'Bad',
    confirmed: 'Thank you: ticket {number} is now closed.', reopened: 'Ticket {number} is open again: we will get back to you.', rated: 'Thank you for your rating.',
    closedAlready: 'Ticket {number} is closed already: there is nothing more to do.', ratedAlready: 'This resolution was rated already. Thank you!', surveyOff: 'This ticket has no survey to answer.',
    invalid: 'This link is not valid. Check that you opened the whole link from the mail.', expired: 'This link has expired. If you still need help, answer the mail or sign in to the portal.',
    changed: 'This link no longer applies: the ticket has changed since the mail was sent (it was reopened or resolved again). Use the newest mail, or sign in to the portal.',
    noRating: 'Choose a rating first.', ticket: 'Open the ticket', rateToo: 'Rate the help you got', refused: 'This link does not work',
  },
  es: {
    confirmTitle: '¿Quedó solucionado tu problema?', confirmLead: 'Hemos marcado el ticket {number} «{subject}» como resuelto. Si quedó solucionado, confírmalo y cerraremos el ticket.', confirmButton: 'Sí, quedó solucionado: cerrar el ticket',
    reopenTitle: 'Reabrir tu ticket', reopenLead: 'El ticket {number} «{subject}» está marcado como resuelto. Si el problema sigue, reábrelo y seguiremos con él. También puedes responder al correo contándonos qué sigue fallando.', reopenButton: 'Reabrir el ticket',
    rateTitle: '¿Qué tal lo hicimos?', rateLead: 'Valora la ayuda que recibiste en el ticket {number} «{subject}».', rateLegend: 'Tu valoración', comment: '¿Algo que quieras contarnos? (opcional)', rateButton: 'Enviar mi valoración',
    five: ['1 – Muy mal', '2 – Mal', '3 – Regular', '4 – Bien', '5 – Excelente'], good: 'Bien', bad: 'Mal',
    confirmed: 'Gracias: el ticket {number} está cerrado.', reopened: 'El ticket {number} está abierto de nuevo: te responderemos.', rated: 'Gracias por tu valoración.',
    closedAlready: 'El ticket {number} ya está cerrado: no hay nada más que hacer.', ratedAlready: 'Esta resolución ya fue valorada. ¡Gracias!', surveyOff: 'Este ticket no tiene ninguna encuesta que responder.',
    invalid: 'Este enlace no es válido. Comprueba que abriste el enlace completo del correo.', expired: 'Este enlace ha caducado. Si aún necesitas ayuda, responde al correo o entra en el portal.',
    changed: 'Este enlace ya no sirve: el ticket cambió desde que se envió el correo (se reabrió o se resolvió otra vez). Usa el correo más reciente o entra en el portal.',
    noRating: 'Elige primero una valoración.', ticket: 'Abrir el ticket', rateToo: 'Valora la ayuda que recibiste', refused: 'Este enlace no funciona',
  },
  'pt-BR': {
    confirmTitle: 'Seu problema foi resolvido?', confirmLead: 'Marcamos o ticket {number} “{subject}” como resolvido. Se foi resolvido, confirme e fecharemos o ticket.', confirmButton: 'Sim, foi resolvido: fechar o ticket',
    reopenTitle: 'Reabrir seu ticket', reopenLead: 'O ticket {number} “{subject}” está marcado como resolvido. Se o problema continua, reabra-o e retomaremos o atendimento. Você também pode responder ao e-mail contando o que ainda está errado.', reopenButton: 'Reabrir o ticket',
    rateTitle: 'Como foi o nosso atendimento?', rateLead: 'Avalie a ajuda que você recebeu no ticket {number} “{subject}”.', rateLegend: 'Sua avaliação', comment: 'Quer nos contar algo? (opcional)', rateButton: 'Enviar minha avaliação',
    five: ['1 – Muito ruim', '2 – Ruim', '3 – Regular', '4 – Bom', '5 – Excelente'], good: 'Bom', bad: 'Ruim',
    confirmed: 'Obrigado: o ticket {number} está fechado.', reopened: 'O ticket {number} foi reaberto: retornaremos em breve.', rated: 'Obrigado pela sua avaliação.',
    closedAlready: 'O ticket {number} já está fechado: não há mais nada a fazer.', ratedAlready: 'Esta resolução já foi avaliada. Obrigado!', surveyOff: 'Este ticket não tem pesquisa para responder.',
    invalid: 'Este link não é válido. Verifique se abriu o link completo do e-mail.', expired: 'Este link expirou. Se ainda precisa de ajuda, responda ao e-mail ou entre no portal.',
    changed: 'Este link não vale mais: o ticket mudou desde o envio do e-mail (foi reaberto ou resolvido de novo). Use o e-mail mais recente ou entre no portal.',
    noRating: 'Escolha uma avaliação primeiro.', ticket: 'Abrir o ticket', rateToo: 'Avalie a ajuda que você recebeu', refused: 'Este link não funciona',
  },
};

/** The first of the candidates Parley speaks (a person's language, the tenant's, the browser's); English otherwise. */
export function pageLanguage(...candidates: Array<string | null | undefined>): PageLanguage {
  for (const c of candidates) {
    const tag = c?.trim().toLowerCase();
    if (!tag) continue;
    if (tag.startsWith('pt')) return 'pt-BR';
    if (tag.startsWith('es')) return 'es';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** `{number}`-style placeholders; the values are escaped by the page. */
export const fill = (text: string, values: Record<string, string>): string => text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
