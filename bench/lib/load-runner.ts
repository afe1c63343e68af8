/** The parent side of load-client.ts: runs one scenario at a time in the worker. */
import { Worker } from 'node:worker_threads';
import type { RunRequest, RunResult } from './load-client.ts';

export class LoadRunner {
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
      workerData: { entry: new URL('./load-client.ts', import.meta.url).href },
    });
  }

  run(request: RunRequest): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: RunResult | { error: string }) => {
        this.worker.off('error', reject);
        if ('error' in m) reject(new Error(m.error));
        else resolve(m);
      };
      this.worker.once('message', onMessage);
      this.worker.once('error', reject);
      this.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

export interface Stats { count: number; rps: number; p50: number; p90: number; p99: number; max: number }

export function stats(latencies: Float64Array, seconds: number): Stats {
  const sorted = Float64Array.from(latencies).sort();
  const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);
  return { count: sorted.length, rps: sorted.length / seconds, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: sorted.length ? sorted[sorted.length - 1] : NaN };
}
