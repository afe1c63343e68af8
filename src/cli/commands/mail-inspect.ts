import { readFile } from 'node:fs/promises';
import { EXIT } from '../command.ts';
import type { CliCommand, CliIO } from '../command.ts';
import { inspectMail } from '../../mail/inbound/inspect.ts';
import { loadCustomPatterns } from '../../mail/inbound/analysis/custom-patterns.ts';

const HELP = `Usage: parley mail inspect FILE...

Parses each message file (or - for standard input) with the inbound
pipeline's parse and classification steps and prints one JSON object per
file, in argument order. Nothing is stored.

Exit status: 0 when every file was handled, 1 when some could not be read
or parsed (their line carries "error"), 64 when no file was given.`;

/** `parley mail inspect FILE…`: shows what the pipeline makes of messages. */
export const mailInspectCommand: CliCommand = {
  name: 'mail inspect',
  summary: 'Parse and classify message files, print JSON Lines',
  help: HELP,
  async run(args: string[], io: CliIO): Promise<number> {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    const patterns = process.env.PARLEY_MAIL_PATTERNS;
    if (patterns) loadCustomPatterns(patterns);
    const files = args.filter((a) => a === '-' || !a.startsWith('-'));
    if (files.length === 0) {
      io.stderr.write(`${HELP}\n`);
      return EXIT.usage;
    }
    let failed = false;
    for (const file of files) {
      const line = await inspectOne(file, io);
      if ('error' in line) failed = true;
      io.stdout.write(`${JSON.stringify(line)}\n`);
    }
    return failed ? EXIT.failure : EXIT.ok;
  },
};

async function inspectOne(file: string, io: CliIO): Promise<object> {
  try {
    const raw = file === '-' ? await readStream(io.stdin) : await readFile(file);
    return await inspectMail(raw, file);
  } catch (err) {
    return { file, error: err instanceof Error ? err.message : String(err) };
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
