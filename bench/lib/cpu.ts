/**
 * How busy the machine was during a scenario, and how much of that was this process
 * (server and load client). On a shared 2-core machine, other work skews latencies;
 * printing it lets a reader tell a slow server from a busy machine. Linux only
 * (/proc/stat); elsewhere only this process's share is known.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface CpuSnapshot { at: number; own: NodeJS.CpuUsage; machine: { busy: number; total: number } | null }

export function cpuSnapshot(): CpuSnapshot {
  return { at: performance.now(), own: process.cpuUsage(), machine: machineTicks() };
}

/** Cores used on average since the snapshot: by this process, and by the whole machine. */
export function cpuSince(s: CpuSnapshot): string {
  const seconds = (performance.now() - s.at) / 1000;
  const own = process.cpuUsage(s.own);
  const ownCores = (own.user + own.system) / 1e6 / seconds;
  const now = machineTicks();
  const cores = os.cpus().length;
  if (!s.machine || !now) return `CPU: this process ${ownCores.toFixed(2)} cores`;
  const machineCores = ((now.busy - s.machine.busy) / Math.max(1, now.total - s.machine.total)) * cores;
  return `CPU: machine ${machineCores.toFixed(2)} of ${cores} cores busy, this process (server + load client) ${ownCores.toFixed(2)}, ` +
    `other processes (database server included) ${Math.max(0, machineCores - ownCores).toFixed(2)}`;
}

function machineTicks(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = fields[3] + fields[4];
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}
