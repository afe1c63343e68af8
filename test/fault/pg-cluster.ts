/**
 * A throwaway PostgreSQL cluster for fault tests: initdb into a temp dir, its own port,
 * started, stopped, frozen (SIGSTOP) and thawed by the test. Never the shared server.
 * As root, the binaries run as the `postgres` user (initdb refuses root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from '../helpers/free-ports.ts';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  port: number;
  url(database?: string): string;
  start(): void;
  /** `pg_ctl stop -m fast`: sessions are terminated, as in a restart or failover. */
  stop(): void;
  /** SIGSTOP the postmaster and every backend: the server accepts TCP and answers nothing. */
  freeze(): void;
  thaw(): void;
  destroy(): void;
}

export { freePort, freePorts } from '../helpers/free-ports.ts';

function binDir(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  return join('/usr/lib/postgresql', versions.at(-1)!, 'bin');
}

export async function startPgCluster(): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-fault-pg-'));
  const data = join(dir, 'data');
  const root = userInfo().uid === 0;
  if (root) {
    const pgUser = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const pgGroup = execFileSync('id', ['-g', 'postgres']).toString().trim();
    chownSync(dir, Number(pgUser), Number(pgGroup));
  }
  const run = (cmd: string, args: string[]) => {
    const bin = join(binDir(), cmd);
    const r = root ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' }) : spawnSync(bin, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
  const pids = (): number[] => {
    const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = spawnSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
    return [postmaster, ...children];
  };
  const signal = (sig: NodeJS.Signals, list: number[]) => { for (const pid of list) { try { process.kill(pid, sig); } catch { /* gone */ } } };
  const cluster: PgCluster = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '30', 'start']),
    stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']),
    // Backends first, so none runs on while the postmaster is already stopped.
    freeze: () => { const [pm, ...rest] = pids(); signal('SIGSTOP', rest); signal('SIGSTOP', [pm!]); },
    thaw: () => { const [pm, ...rest] = pids(); signal('SIGCONT', [pm!]); signal('SIGCONT', rest); },
    destroy: () => {
      try { cluster.thaw(); } catch { /* not running */ }
      try { run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']); } catch { /* not running */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
