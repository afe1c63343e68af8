import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../parse/parse-mail.ts';
import { loadCustomPatterns } from './custom-patterns.ts';
import { extractVisibleText } from './visible-text.ts';

const mail = (body: string) => parseMail(Buffer.from(`From: a@b.example\r\nTo: c@d.example\r\nSubject: Re: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`));

describe('loadCustomPatterns', () => {
  it('adds an operator pattern that the built-in lists do not know', async () => {
    const body = 'Hola, ya funciona.\n\nUn saludo cordial\nPepe\nDepartamento de Compras';
    expect(extractVisibleText(await mail(body))).toContain('Departamento de Compras');
    const dir = mkdtempSync(join(tmpdir(), 'parley-patterns-'));
    const file = join(dir, 'patterns.json');
    writeFileSync(file, JSON.stringify({ signatures: ['^un saludo cordial,?$'] }));
    expect(loadCustomPatterns(file)).toBe(1);
    expect(extractVisibleText(await mail(body)).trim()).toBe('Hola, ya funciona.');
  });

  it('names the bad part of a bad file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-patterns-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ signatures: ['(unclosed'] }));
    expect(() => loadCustomPatterns(bad)).toThrow(/signatures\[0\] is not a valid regular expression/);
    writeFileSync(bad, JSON.stringify({ sigs: [] }));
    expect(() => loadCustomPatterns(bad)).toThrow(/PARLEY_MAIL_PATTERNS/);
    expect(() => loadCustomPatterns(join(dir, 'missing.json'))).toThrow(/cannot read/);
  });
});
