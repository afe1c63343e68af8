import { escapeHtml, SafeHtml, type TemplateVars } from './render-template.ts';

/** A message as templates show it: its text, and HTML (the stored, sanitised HTML, else the text escaped). */
export function messageVars(m: { body: string; body_html: string | null }): TemplateVars {
  const html = m.body_html ?? `<div style="white-space:pre-wrap">${escapeHtml(m.body)}</div>`;
  return { message: { text: m.body, html: new SafeHtml(html) } };
}
