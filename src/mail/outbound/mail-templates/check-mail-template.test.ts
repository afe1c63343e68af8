import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../domain/shared/errors.ts';
import { templatesFor } from '../notifications/templates/index.ts';
import { TEMPLATE_KEYS } from '../notifications/templates/template-variables.ts';
import { checkMailTemplate } from './check-mail-template.ts';
import { TEMPLATE_LANGUAGES } from './mail-template-ref.ts';

const ok = { subject: '[{{ticket.number}}] {{ticket.subject}}', text: 'Hello {{recipient.name|there}}', html: '<p>Hello {{recipient.name|there}}</p>' };

/** The field errors a draft gets, as "field: message". */
function refusal(draft: Partial<typeof ok>, key: Parameters<typeof checkMailTemplate>[0] = 'confirmation'): string[] {
  try {
    checkMailTemplate(key, { ...ok, ...draft });
  } catch (e) {
    if (e instanceof ValidationError) return e.errors.map((f) => `${f.field}: ${f.message}`);
    throw e;
  }
  return [];
}

describe('checkMailTemplate', () => {
  it('accepts every built-in template of every language as it is', () => {
    for (const language of TEMPLATE_LANGUAGES) {
      for (const key of TEMPLATE_KEYS) expect(refusal(templatesFor(language)[key], key), `${key}.${language}`).toEqual([]);
    }
  });

  it('names unknown variables, per key', () => {
    expect(refusal({ text: '{{ticket.priority}} {{foo}} {{ticket.number}}' })).toEqual([expect.stringMatching(/^text: unknown variables: \{\{ticket\.priority\}\}, \{\{foo\}\};/)]);
    expect(refusal({ html: '{{message.html}}' })).toEqual([expect.stringContaining('html: unknown variables: {{message.html}}')]);
    expect(refusal({ html: '{{message.html}}' }, 'agent_reply')).toEqual([]);
  });

  it('refuses unbalanced braces and things that only look like variables', () => {
    expect(refusal({ text: 'Hello {{recipient.name' })).toEqual([expect.stringContaining('text: unbalanced')]);
    expect(refusal({ text: 'Hello }} there' })).toEqual([expect.stringContaining('text: unbalanced')]);
    expect(refusal({ subject: '[{{ticket.number}}] {{ 1 + 1 }}' })).toEqual(['subject: not a variable: {{ 1 + 1 }} (write {{name}} or {{name|fallback}})']);
    expect(refusal({ html: '<p>{{#if ticket.subject}}x{{/if}}</p>' })[0]).toContain('html: not a variable: {{#if ticket.subject}}, {{/if}}');
  });

  it('refuses scripts, event handlers and javascript: URLs in the HTML part', () => {
    expect(refusal({ html: '<p>hi</p><script>alert(1)</script>' })).toEqual(['html: must not contain <script>']);
    expect(refusal({ html: '<img src=x onerror="alert(1)">' })).toEqual(['html: must not contain event handler attributes (on…=)']);
    expect(refusal({ html: '<a href="JavaScript:alert(1)">x</a>' })).toEqual(['html: must not contain javascript: URLs']);
  });

  it('sanitises the rest and lets only links stand inside a tag', () => {
    const { template } = checkMailTemplate('confirmation', { ...ok, html: '<p style="color:#333">Hi</p><iframe src="https://x"></iframe><a href="{{ticket.url}}">{{ticket.number}}</a>' });
    expect(template.html).not.toContain('iframe');
    expect(template.html).toContain('<a href="{{ticket.url}}"');
    expect(template.html).toContain('style="color:#333"');
    expect(refusal({ html: '<a href="{{ticket.subject}}">x</a>' })).toEqual(['html: only links may stand inside an HTML tag, not {{ticket.subject}}']);
  });

  it('keeps the subject on one line, short, with the ticket number', () => {
    expect(refusal({ subject: '[{{ticket.number}}]\nBcc: x@y.z' })).toEqual(['subject: must be one line']);
    expect(refusal({ subject: `[{{ticket.number}}] ${'x'.repeat(200)}` })).toEqual(['subject: must be at most 200 characters']);
    expect(refusal({ subject: '{{ticket.subject}}' })).toEqual(['subject: must contain {{ticket.number}}: replies thread by it']);
    expect(refusal({ subject: ' ' })).toContain('subject: must not be empty');
  });

  it('derives the text part from the HTML one when it is empty, links and variables kept', () => {
    const r = checkMailTemplate('new_ticket', { ...ok, text: '', html: '<p>New: <a href="{{ticket.url}}">{{ticket.number}}</a> from {{requester.name}}</p>{{message.html}}' });
    expect(r.textDerived).toBe(true);
    expect(r.template.text).toBe('New: {{ticket.number}} [{{ticket.url}}] from {{requester.name}}\n\n{{message.text}}\n');
  });
});
