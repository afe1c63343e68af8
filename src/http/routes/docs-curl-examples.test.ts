/**
 * The curl examples in README.md and docs/: every one that sends JSON says so (without
 * `Content-Type: application/json` curl sends a form, and the API answers 415), and the
 * README's quick start runs as written against a listening server.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { createUser } from '../../domain/users/create-user.ts';

const root = join(import.meta.dirname, '../../..');
const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The code blocks of a markdown document, fences paired line by line. */
function codeBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let open: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (line.trimStart().startsWith('```')) {
      if (open) { blocks.push(open.join('\n')); open = null; } else open = [];
    } else open?.push(line);
  }
  return blocks;
}

/** The curl commands of a document's code blocks, continuation lines joined. */
function curlCommands(markdown: string): string[] {
  const blocks = codeBlocks(markdown).map((b) => b.replace(/\\\n/g, ' '));
  const commands: string[] = [];
  for (const block of blocks) {
    // A JSON body may span lines inside its quotes: a command runs until the next line that starts a new one.
    for (const chunk of block.split(/\n(?=\S)/)) if (/\bcurl\s/.test(chunk)) commands.push(chunk);
  }
  return commands;
}

describe('curl examples in the documentation', () => {
  it('send Content-Type: application/json with every JSON body', () => {
    let checked = 0;
    for (const doc of documents) {
      for (const command of curlCommands(readFileSync(join(root, doc), 'utf8'))) {
        if (!/\s(-d|--data|--data-raw|--json)\s/.test(command)) continue;
        checked++;
        expect(command, doc).toMatch(/-H ["']Content-Type: application\/json["']/i);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});

describe("README's quick start", () => {
  let t: TestRuntime;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    ({ t, app } = await startApiTest());
    await createUser(t.rt.systemCtx(t.rt.defaultTenantId), { email: 'admin@localhost.localdomain', name: 'Admin', role: 'admin', password: 'the printed password 42' });
    base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  });
  afterAll(async () => stopApiTest({ t, app }));

  it('signs in, opens a ticket and finds it, as written', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = codeBlocks(readme).find((b) => b.includes('auth/token/'));
    expect(block).toBeDefined();
    const script = block!.replaceAll('http://localhost:3000', base).replace('<printed password>', 'the printed password 42');
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script.replaceAll('curl ', "curl -sS --fail-with-body -w '\\n' ")], { encoding: 'utf8' });
    const [created, found] = stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(created).toMatchObject({ number: 'TK-000001', subject: 'Error al crear sitio web', priority: 'high' });
    expect(found.results.map((r: { number: string }) => r.number)).toEqual(['TK-000001']);
  });
});
