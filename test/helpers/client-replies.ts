/**
 * A customer's answer to a mail we sent, built from the captured mail as the big clients
 * build replies: Gmail (attribution line, `>` quote, gmail_quote blockquote), Outlook
 * (a rule, a From:/Sent:/To:/Subject: block, the original unquoted below; it often drops
 * In-Reply-To), Apple Mail (attribution, `>` quote, blockquote type=cite). Each in English,
 * Spanish or Brazilian Portuguese, with the header line those clients write in that language.
 */
import { randomUUID } from 'node:crypto';
import type { ReceivedMail } from './smtp-sink.ts';

export type Client = 'gmail' | 'outlook' | 'apple';
export type ReplyLanguage = 'en' | 'es' | 'pt-BR';

export interface ReplyProps {
  client: Client;
  language: ReplyLanguage;
  /** The customer's address and name. */
  from: { name: string; address: string };
  newText: string;
  /** Leave out In-Reply-To and References, as some clients and forwards do. */
  dropThreading?: boolean;
}

const FROM_LINE = (m: ReceivedMail) => {
  const f = m.parsed.from?.value[0];
  return { name: f?.name ?? '', address: f?.address ?? '' };
};

function attribution(client: Client, lang: ReplyLanguage, who: { name: string; address: string }): string {
  const { name, address } = who;
  if (client === 'gmail') {
    return {
      en: `On Sat, Nov 21, 2026 at 10:00 AM ${name} <${address}> wrote:`,
      es: `El sáb, 21 nov 2026 a las 10:00, ${name} (<${address}>) escribió:`,
      'pt-BR': `Em sáb., 21 de nov. de 2026 às 10:00, ${name} <${address}> escreveu:`,
    }[lang];
  }
  return {
    en: `On 21 Nov 2026, at 10:00, ${name} <${address}> wrote:`,
    es: `El 21 nov 2026, a las 10:00, ${name} <${address}> escribió:`,
    'pt-BR': `Em 21 de nov. de 2026, à(s) 10:00, ${name} <${address}> escreveu:`,
  }[lang];
}

function outlookBlock(lang: ReplyLanguage, m: ReceivedMail): string[] {
  const from = FROM_LINE(m);
  const to = m.parsed.to && !Array.isArray(m.parsed.to) ? m.parsed.to.text : '';
  const labels = {
    en: ['From', 'Sent', 'To', 'Subject', 'Saturday, November 21, 2026 10:00 AM'],
    es: ['De', 'Enviado', 'Para', 'Asunto', 'sábado, 21 de noviembre de 2026 10:00'],
    'pt-BR': ['De', 'Enviado', 'Para', 'Assunto', 'sábado, 21 de novembro de 2026 10:00'],
  }[lang];
  return [
    '________________________________',
    `${labels[0]}: ${from.name} <${from.address}>`,
    `${labels[1]}: ${labels[4]}`,
    `${labels[2]}: ${to}`,
    `${labels[3]}: ${m.parsed.subject ?? ''}`,
  ];
}

const REPLY_PREFIX: Record<Client, Record<ReplyLanguage, string>> = {
  gmail: { en: 'Re:', es: 'Re:', 'pt-BR': 'Re:' },
  apple: { en: 'Re:', es: 'Re:', 'pt-BR': 'Re:' },
  outlook: { en: 'RE:', es: 'RE:', 'pt-BR': 'RES:' },
};

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const quote = (text: string) => text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');

/** The raw RFC 5322 reply (multipart/alternative: text and HTML, as these clients send). */
export function buildClientReply(original: ReceivedMail, p: ReplyProps): Buffer {
  const ourText = original.parsed.text ?? '';
  const ourHtml = typeof original.parsed.html === 'string' ? original.parsed.html.replace(/^[\s\S]*<body>|<\/body>[\s\S]*$/g, '') : `<pre>${escape(ourText)}</pre>`;
  const sender = FROM_LINE(original);
  let text: string;
  let html: string;
  if (p.client === 'outlook') {
    const block = outlookBlock(p.language, original);
    text = [p.newText, '', ...block, '', ourText].join('\n');
    html = `<div>${escape(p.newText)}</div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">${block.slice(1).map((l) => `<b>${escape(l.split(':')[0]!)}:</b>${escape(l.slice(l.indexOf(':') + 1))}<br>`).join('')}</div><div>${ourHtml}</div>`;
  } else {
    const line = attribution(p.client, p.language, sender);
    text = [p.newText, '', line, '', quote(ourText), ''].join('\n');
    html = p.client === 'gmail'
      ? `<div dir="ltr">${escape(p.newText)}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">${escape(line)}<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${ourHtml}</blockquote></div>`
      : `<div>${escape(p.newText)}</div><div><br><blockquote type="cite"><div>${escape(line)}</div><br>${ourHtml}</blockquote></div>`;
  }
  const ourId = original.parsed.messageId ?? '';
  const refs = [...(Array.isArray(original.parsed.references) ? original.parsed.references : original.parsed.references ? [original.parsed.references] : []), ourId].filter(Boolean);
  const boundary = `alt-${randomUUID()}`;
  const head = [
    `From: ${p.from.name} <${p.from.address}>`,
    `To: ${original.parsed.replyTo?.text ?? original.parsed.from?.text ?? ''}`,
    `Subject: ${REPLY_PREFIX[p.client][p.language]} ${original.parsed.subject ?? ''}`,
    'Date: Sat, 21 Nov 2026 11:00:00 +0000',
    `Message-ID: <${randomUUID()}@${p.from.address.split('@')[1]}>`,
    ...(p.dropThreading ? [] : [`In-Reply-To: ${ourId}`, `References: ${refs.join(' ')}`]),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) => [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: 8bit', '', body];
  return Buffer.from([...head, '', ...part('text/plain', text), ...part('text/html', `<html><body>${html}</body></html>`), `--${boundary}--`, ''].join('\r\n'));
}
