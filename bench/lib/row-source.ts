/** Batches of generated tickets from row-worker.ts, requested ahead of time. */
import { Worker } from 'node:worker_threads';
import type { RowContext, TicketBatch } from './ticket-rows.ts';

interface Pending { resolve: (b: TicketBatch) => void; reject: (e: Error) => void }

export class RowSource {
  private readonly worker: Worker;
  private readonly pending: Pending[] = [];
  private failure: Error | null = null;

  constructor(context: Omit<RowContext, 'vocab'>) {
    this.worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
      workerData: { entry: new URL('./row-worker.ts', import.meta.url).href, context },
    });
    this.worker.on('message', (b: TicketBatch) => this.pending.shift()?.resolve(b));
    this.worker.on('error', (e) => {
      this.failure = e;
      for (const p of this.pending.splice(0)) p.reject(e);
    });
  }

  /** Asks for tickets from..to-1; batches arrive in the order they were asked for. */
  request(from: number, to: number): Promise<TicketBatch> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.worker.postMessage({ from, to });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
