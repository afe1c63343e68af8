import { describe, expect, it } from 'vitest';
import { composeMail } from './compose-mail.ts';
import { renderTemplate, SafeHtml, templateTokens } from './render-template.ts';
import { templateLanguage, templatesFor } from './templates/index.ts';
import { TEMPLATE_VARIABLES } from './templates/template-variables.ts';
import type { TemplateKey } from './templates/template-set.ts';

describe('renderTemplate', () => {
  it('fills dotted variables and leaves unknown ones empty', () => {
    expect(renderTemplate('[{{ticket.number}}] {{ ticket.subject }}{{nope.x}}', { ticket: { number: 'TK-000042', subject: 'Hi' } }, 'text')).toBe('[TK-000042] Hi');
  });
  it('escapes values in HTML, not in text; SafeHtml goes in as is', () => {
    const vars = { a: '<script>alert(1)</script> & "x"', b: new SafeHtml('<p>ok</p>') };
    expect(renderTemplate('{{a}}{{b}}', vars, 'html')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;<p>ok</p>');
    expect(renderTemplate('{{a}}', vars, 'text')).toBe('<script>alert(1)</script> & "x"');
  });
  it('shows a fallback for an empty or missing value, escaped in HTML, and nothing more', () => {
    const vars = { recipient: { name: '' }, ticket: { number: 'TK-1' } };
    expect(renderTemplate('Hello {{recipient.name|there}}, {{ ticket.number | none }}{{nope|<b>&</b>}}', vars, 'text')).toBe('Hello there, TK-1<b>&</b>');
    expect(renderTemplate('{{nope|<b>&</b>}}', vars, 'html')).toBe('&lt;b&gt;&amp;&lt;/b&gt;');
    expect(renderTemplate('{{nope|{{ticket.number}}}}{{a|b|c}}', vars, 'text')).toBe('{{nope|TK-1}}{{a|b|c}}');
  });
  it('lists the variables of a template, and only real ones', () => {
    expect(templateTokens('{{a.b}} {{ 1 + 1 }} {{c | d }}').map((t) => [t.path, t.fallback])).toEqual([['a.b', null], ['c', 'd']]);
  });
  it('runs no code: expressions, prototypes and nested templates stay inert', () => {
    const vars = { v: '{{w}}', w: 'no' };
    expect(renderTemplate('{{constructor.name}}{{__proto__}}{{v}}{{ 1 + 1 }}{{v.toString}}', vars, 'text')).toBe('{{w}}{{ 1 + 1 }}');
  });
});

describe('templates', () => {
  it('has every template in en, es and pt-BR, each subject about a ticket carrying its number', () => {
    const keys = Object.keys(templatesFor('en')).sort();
    const aboutATicket = (key: string) => TEMPLATE_VARIABLES[key as TemplateKey].some((v) => v.name === 'ticket.number');
    expect(keys.filter(aboutATicket).length).toBeGreaterThan(10);
    for (const lang of ['en', 'es', 'pt-BR'] as const) {
      expect(Object.keys(templatesFor(lang)).sort()).toEqual(keys);
      for (const [key, t] of Object.entries(templatesFor(lang))) if (aboutATicket(key)) expect(t.subject, `${lang} ${key}`).toContain('[{{ticket.number}}]');
    }
  });
  it('picks the recipient language, then the tenant one, then English', () => {
    expect(templateLanguage('pt-BR', 'es')).toBe('pt-BR');
    expect(templateLanguage(null, 'es')).toBe('es');
    expect(templateLanguage('fr', 'pt')).toBe('pt-BR');
    expect(templateLanguage(null, null)).toBe('en');
  });
  it('keeps subjects on one line whatever the ticket subject holds', () => {
    const m = composeMail('confirmation', 'es', { ticket: { number: 'TK-1', subject: 'a\r\nBcc: x@y.z' } });
    expect(m.subject).toBe('[TK-1] a Bcc: x@y.z');
    expect(m.html).not.toContain('<script');
  });
});
