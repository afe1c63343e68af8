import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectMail } from './inspect.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/mail');
const cases = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml'));

describe('inspectMail on the project fixtures', () => {
  it('has fixtures to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(14);
  });

  // Each .json lists the contract fields that fixture pins down.
  it.each(cases)('%s matches its expected JSON', async (name) => {
    const raw = readFileSync(join(FIXTURES, name));
    const expected = JSON.parse(readFileSync(join(FIXTURES, name.replace(/\.eml$/, '.json')), 'utf8'));
    const result = await inspectMail(raw, name);
    expect(result.file).toBe(name);
    expect(result).toMatchObject(expected);
  });

  it('never reports body parts as attachments', async () => {
    const result = await inspectMail(readFileSync(join(FIXTURES, 'gmail-reply.eml')), 'x');
    expect(result.attachments).toEqual([]);
    expect(result.html).not.toContain('<script');
  });
});
