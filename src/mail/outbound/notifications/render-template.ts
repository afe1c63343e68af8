/**
 * A tiny logic-less template renderer for notification mail: `{{ticket.number}}` looks a
 * value up by its dotted path, `{{recipient.name|there}}` gives a fixed text to show when
 * the value is empty, and nothing else exists (no loops, no conditions, no calls, no
 * helpers), so a template, even one an admin edits, can never run code. In the HTML part
 * every value and fallback is escaped, except values built as SafeHtml by our own code (a
 * stored body, which was sanitised when it was stored).
 */

/** HTML we produced or sanitised ourselves; inserted as is in the HTML part. */
export class SafeHtml {
  constructor(readonly html: string) {}
}

export type TemplateValue = string | number | SafeHtml | null | undefined | TemplateVars;
export interface TemplateVars { [name: string]: TemplateValue }

/** `{{ path }}` or `{{ path | fallback }}`; a fallback is plain text without braces, pipes or line breaks. */
const VARIABLE = /\{\{\s*([a-zA-Z_]\w*(?:\.[a-zA-Z_]\w*)*)\s*(?:\|([^{}|\r\n]{0,200}))?\}\}/g;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One `{{…}}` of a template, as the renderer reads it. */
export interface TemplateToken { raw: string; index: number; path: string; fallback: string | null }

/** The variables of a template, in order; text that only looks like one (`{{ 1 + 1 }}`) is not one. */
export function templateTokens(template: string): TemplateToken[] {
  return [...template.matchAll(VARIABLE)].map((m) => ({ raw: m[0], index: m.index, path: m[1], fallback: m[2] === undefined ? null : m[2].trim() }));
}

/** Fills the variables of a template; an unknown or empty one renders as its fallback, else as nothing. */
export function renderTemplate(template: string, vars: TemplateVars, mode: 'text' | 'html'): string {
  return template.replace(VARIABLE, (_m, path: string, fallback: string | undefined) => {
    const value = lookup(vars, path.split('.'));
    if (value instanceof SafeHtml) return mode === 'html' ? value.html : value.html.replace(/<[^>]*>/g, '');
    const text = value === null || value === undefined || typeof value === 'object' ? '' : String(value);
    const shown = text === '' ? (fallback?.trim() ?? '') : text;
    return mode === 'html' ? escapeHtml(shown) : shown;
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
