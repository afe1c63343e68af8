/**
 * `parley serve`, `parley worker` or `parley mailgate` as separate processes, the way an
 * operator runs them: the fault tests stop, freeze or kill what lies under them (or them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '../..');

export interface ParleyProcess {
  child: ChildProcess;
  /** Every line written on stdout and stderr so far. */
  output: string[];
  /** Resolves when a line matches (or rejects after timeoutMs or when the process exits). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startParley(args: string[], env: NodeJS.ProcessEnv, stdin?: Buffer): ParleyProcess {
  const child = spawn(process.execPath, [join(root, 'bin/parley.mjs'), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const output: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve(line: string): void }> = [];
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { exitCode = code; resolve(code); }));
  const onLine = (line: string) => {
    output.push(line);
    for (const w of [...waiters]) if (w.pattern.test(line)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(line); }
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.on('data', (c: Buffer) => {
      const lines = (rest + c.toString()).split('\n');
      rest = lines.pop()!;
      lines.forEach(onLine);
    });
  }
  child.stdin!.on('error', () => {});
  child.stdin!.end(stdin ?? '');
  return {
    child, output, exited,
    alive: () => exitCode === undefined,
    waitFor(pattern, timeoutMs = 30_000) {
      const seen = output.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${output.slice(-20).join('\n')}`)), timeoutMs);
        waiters.push({ pattern, resolve: (l) => { clearTimeout(timer); resolve(l); } });
        void exited.then((code) => { clearTimeout(timer); reject(new Error(`parley ${args[0]} exited (${code}) before ${pattern}:\n${output.slice(-20).join('\n')}`)); });
      });
    },
    async kill(signal = 'SIGTERM') {
      if (exitCode !== undefined) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** Runs `parley mailgate` with the message on stdin; the exit code and how long it took. */
export async function runMailgate(args: string[], env: NodeJS.ProcessEnv, raw: Buffer): Promise<{ code: number | null; ms: number; output: string[] }> {
  const started = Date.now();
  const p = startParley(['mailgate', ...args], env, raw);
  const code = await p.exited;
  return { code, ms: Date.now() - started, output: p.output };
}
