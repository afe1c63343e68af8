/**
 * A tiny logic-less template renderer for notification mail: `{{ticket.number}}` looks a
 * value up by its dotted path and nothing else exists (no loops, no conditions, no calls),
 * so a template, even one an admin edits later, can never run code. In the HTML part every
 * value is escaped, except values built as SafeHtml by our own code (a stored body, which
 * was sanitised when it was stored).
 */

/** HTML we produced or sanitised ourselves; inserted as is in the HTML part. */
export class SafeHtml {
  constructor(readonly html: string) {}
}

export type TemplateValue = string | number | SafeHtml | null | undefined | TemplateVars;
export interface TemplateVars { [name: string]: TemplateValue }

const VARIABLE = /\{\{\s*([a-zA-Z_][\w]*(?:\.[a-zA-Z_][\w]*)*)\s*\}\}/g;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Fills the variables of a template; an unknown variable renders as nothing. */
export function renderTemplate(template: string, vars: TemplateVars, mode: 'text' | 'html'): string {
  return template.replace(VARIABLE, (_m, path: string) => {
    const value = lookup(vars, path.split('.'));
    if (value instanceof SafeHtml) return mode === 'html' ? value.html : value.html.replace(/<[^>]*>/g, '');
    if (value === null || value === undefined || typeof value === 'object') return '';
    return mode === 'html' ? escapeHtml(String(value)) : String(value);
  });
}

function lookup(vars: TemplateVars, path: string[]): TemplateValue {
  let value: TemplateValue = vars;
  for (const key of path) {
    if (!value || typeof value !== 'object' || value instanceof SafeHtml || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/** Variables that must stay on one line (subjects, header values): line breaks become spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}
