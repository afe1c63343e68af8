/** Runs a CLI entry point in this process with captured output. */
import { PassThrough } from 'node:stream';
import type { CliIO } from '../../src/cli/command.ts';

export async function runCaptured(run: (io: CliIO) => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => { out += c; });
  stderr.on('data', (c) => { err += c; });
  const code = await run({ stdout, stderr, stdin: new PassThrough() });
  return { code, out, err };
}
