/**
 * What makes a template safe to save: a subject on one line with the ticket number (replies
 * thread by it when a client drops In-Reply-To); only the variables of its key
 * (template-variables.ts), each a whole `{{name}}` or `{{name|fallback}}`, nothing else
 * between braces; an HTML part with no script, event handler or javascript: URL, then
 * sanitised as every stored body is; a variable inside an HTML tag only when it is one of
 * our links. An empty text part is derived from the HTML one.
 */
import { sanitizeBodyHtml } from '../../../domain/shared/html.ts';
import { ValidationError, type FieldError } from '../../../domain/shared/errors.ts';
import { templateTokens } from '../notifications/render-template.ts';
import type { MailTemplate, TemplateKey } from '../notifications/templates/template-set.ts';
import { TEMPLATE_VARIABLES } from '../notifications/templates/template-variables.ts';
import { deriveTemplateText } from './derive-template-text.ts';

export const LIMITS = { subject: 200, text: 20_000, html: 100_000 } as const;

const DANGERS: Array<[RegExp, string]> = [
  [/<\s*\/?\s*script\b/i, '<script>'],
  [/<[^>]*[\s/"']on[a-z]+\s*=/i, 'event handler attributes (on…=)'],
  [/(?:java|vb)script\s*:|data\s*:\s*text\/html/i, 'javascript: URLs'],
];

export interface CheckedTemplate { template: MailTemplate; textDerived: boolean }

/** The template as it will be stored, or a ValidationError naming every problem (422). */
export function checkMailTemplate(key: TemplateKey, draft: { subject: string; text: string; html: string }): CheckedTemplate {
  const errors: FieldError[] = [];
  const subject = draft.subject.trim();
  if (!subject) errors.push({ field: 'subject', message: 'must not be empty' });
  if (/[\r\n]/.test(subject)) errors.push({ field: 'subject', message: 'must be one line' });
  if (subject.length > LIMITS.subject) errors.push({ field: 'subject', message: `must be at most ${LIMITS.subject} characters` });
  // Only mail about a ticket threads by its number (report_summary is about no ticket).
  if (TEMPLATE_VARIABLES[key].some((v) => v.name === 'ticket.number') && !templateTokens(subject).some((t) => t.path === 'ticket.number')) errors.push({ field: 'subject', message: 'must contain {{ticket.number}}: replies thread by it' });
  if (!draft.html.trim()) errors.push({ field: 'html', message: 'must not be empty' });
  const found = DANGERS.filter(([re]) => re.test(draft.html)).map(([, what]) => what);
  if (found.length) errors.push({ field: 'html', message: `must not contain ${found.join(', ')}` });
  for (const [field, max] of [['text', LIMITS.text], ['html', LIMITS.html]] as const) {
    if (draft[field].length > max) errors.push({ field, message: `must be at most ${max} characters` });
  }
  if (errors.length) throw new ValidationError(errors);

  const html = sanitizeBodyHtml(draft.html);
  const textDerived = draft.text.trim() === '';
  const text = textDerived ? deriveTemplateText(html) : draft.text;
  errors.push(...checkVariables(key, 'subject', subject), ...checkVariables(key, 'text', text), ...checkVariables(key, 'html', html));
  if (errors.length) throw new ValidationError(errors);
  return { template: { subject, text, html }, textDerived };
}

function checkVariables(key: TemplateKey, field: 'subject' | 'text' | 'html', template: string): FieldError[] {
  const errors: FieldError[] = [];
  const allowed = new Map(TEMPLATE_VARIABLES[key].map((v) => [v.name, v]));
  const tokens = templateTokens(template);
  let rest = template;
  for (const t of [...tokens].reverse()) rest = rest.slice(0, t.index) + rest.slice(t.index + t.raw.length);
  const fake = rest.match(/\{\{[^{}]*\}\}/g);
  if (fake) errors.push({ field, message: `not a variable: ${[...new Set(fake)].join(', ')} (write {{name}} or {{name|fallback}})` });
  else if (/\{\{|\}\}/.test(rest)) errors.push({ field, message: 'unbalanced {{ or }}: every {{ needs its }} around one variable name' });
  const unknown = [...new Set(tokens.filter((t) => !allowed.has(t.path)).map((t) => `{{${t.path}}}`))];
  if (unknown.length) errors.push({ field, message: `unknown variables: ${unknown.join(', ')}; ${key} may use ${[...allowed.keys()].join(', ')}` });
  if (field === 'html') {
    const inTag = tokens.filter((t) => allowed.has(t.path) && allowed.get(t.path)!.kind !== 'url' && insideTag(template, t.index));
    if (inTag.length) errors.push({ field, message: `only links may stand inside an HTML tag, not ${[...new Set(inTag.map((t) => `{{${t.path}}}`))].join(', ')}` });
  }
  return errors;
}

const insideTag = (html: string, at: number): boolean => html.lastIndexOf('<', at) > html.lastIndexOf('>', at);
