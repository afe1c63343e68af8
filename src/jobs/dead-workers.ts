/** Jobs left running by a worker process of this host that died (kill -9): released at start instead of waiting out their lease. */
import { hostname } from 'node:os';
import type { Db } from '../db/client.ts';
import { expireLeasesOfDeadWorkers } from './jobs.repo.ts';

/** Whether a process of this host is alive. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is just not ours to signal.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Releases the jobs of dead worker processes of this host; how many. */
export async function releaseJobsOfDeadWorkers(db: Db): Promise<number> {
  return expireLeasesOfDeadWorkers(db, hostname(), pidAlive);
}
