/**
 * `--worker-process` of the benches: the job worker as production scales it on two cores,
 * a `parley worker` process of its own beside the process under measurement (which then
 * runs no jobs: PARLEY_SERVICES=web), on the same database.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface WorkerProcess { stop(): Promise<void> }

/** Starts `parley worker` with this environment (DATABASE_URL, PARLEY_DATA_DIR, PARLEY_SECRET_KEY…). */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [join(import.meta.dirname, '../../bin/parley.mjs'), 'worker'], {
    env: { ...process.env, ...env, PARLEY_SERVICES: 'worker,scheduler' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
