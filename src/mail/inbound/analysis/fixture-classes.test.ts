import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectMail } from '../inspect.ts';

// Each sub-folder of test/fixtures/mail holds one class of mail the analysis was
// taught (forwards in many languages, bounces of many MTAs…): FILE.eml and the
// contract fields it pins down in FILE.json. The mail is written for the project.
const ROOT = join(import.meta.dirname, '../../../../test/fixtures/mail');
const classes = readdirSync(ROOT).filter((d) => statSync(join(ROOT, d)).isDirectory());

describe('inspectMail on each class of mail', () => {
  it('has classes to run', () => {
    expect(classes.length).toBeGreaterThanOrEqual(1);
  });

  for (const dir of classes) {
    const cases = readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.eml'));
    describe(dir, () => {
      it.each(cases)('%s matches its expected JSON', async (name) => {
        const raw = readFileSync(join(ROOT, dir, name));
        const expected = JSON.parse(readFileSync(join(ROOT, dir, name.replace(/\.eml$/, '.json')), 'utf8'));
        expect(await inspectMail(raw, name)).toMatchObject(expected);
      });
    });
  }
});
