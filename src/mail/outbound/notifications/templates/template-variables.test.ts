import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateTokens } from '../render-template.ts';
import { templatesFor } from './index.ts';
import { TEMPLATE_KEYS, TEMPLATE_VARIABLES } from './template-variables.ts';

const doc = readFileSync(join(import.meta.dirname, '../../../../../docs/mail-templates.md'), 'utf8');
const everyKey = TEMPLATE_VARIABLES.confirmation.map((v) => v.name);

describe('the variables of each template', () => {
  it('cover what the built-in templates use', () => {
    for (const key of TEMPLATE_KEYS) {
      const used = (['en', 'es', 'pt-BR'] as const).flatMap((l) => Object.values(templatesFor(l)[key]).flatMap((part) => templateTokens(part).map((t) => t.path)));
      const allowed = TEMPLATE_VARIABLES[key].map((v) => v.name);
      expect(used.filter((p) => !allowed.includes(p)), key).toEqual([]);
    }
  });

  it('are all in docs/mail-templates.md, each in its template row', () => {
    const common = doc.slice(doc.indexOf('Every template may use these'), doc.indexOf('and, per template'));
    for (const name of everyKey) expect(common, name).toContain(`\`${name}\``);
    for (const key of TEMPLATE_KEYS) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
      expect(row, key).toBeDefined();
      const extra = TEMPLATE_VARIABLES[key].map((v) => v.name).filter((n) => !everyKey.includes(n));
      for (const name of extra) expect(row, `${key}: ${name}`).toContain(`\`${name}\``);
      for (const name of ['actor.name', 'message.text', 'message.html'].filter((n) => !extra.includes(n))) expect(row, `${key}: ${name}`).not.toContain(`\`${name}\``);
    }
  });
});
