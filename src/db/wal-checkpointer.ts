/**
 * SQLite's WAL checkpoints on a thread of their own. In WAL mode a commit only appends pages
 * to the log; every 1,000 pages by default, the committing connection then copies the log
 * back into the database file and syncs it, on the event loop, inside that commit. Under a
 * stream of small transactions (mail ingest: a few per mail) that made a commit cost about
 * two and a half times what it costs without (bench: 5.9 against 2.3 ms per commit on a
 * busy machine). Here a second connection, on a worker thread, runs a PASSIVE checkpoint
 * every second: it copies what no reader still needs and never waits for or blocks the
 * writer, and its sync uses the other core. The main connection keeps a checkpoint of its
 * own at 10,000 pages (40 MB of log) as a bound, should the thread fall behind or fail.
 *
 * The thread starts after `delayMs`: short-lived processes (a CLI command, most tests)
 * close before and never pay for it; it never keeps a process alive.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages of log after which the main connection checkpoints by itself (the bound). */
export const MAIN_CONNECTION_AUTOCHECKPOINT = 10_000;

const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or gone: the next tick, or the main connection's bound */ } };
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.once('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.postMessage('closed'); });
`;

export interface WalCheckpointer { stop(): Promise<void> }

export function startWalCheckpointer(file: string, options: { delayMs?: number; everyMs?: number } = {}): WalCheckpointer {
  let thread: Worker | null = null;
  let stopped = false;
  const start = setTimeout(() => {
    if (stopped) return;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    thread = new Worker(THREAD, { eval: true, workerData: { file, driver, everyMs: options.everyMs ?? 1000 } });
    thread.on('error', () => { thread = null; });
    thread.unref();
  }, options.delayMs ?? 5000);
  start.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(start);
      const t = thread;
      thread = null;
      if (!t) return;
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        t.once('message', () => void t.terminate().then(done, done));
        t.once('exit', done);
        t.postMessage('stop');
        setTimeout(() => void t.terminate().then(done, done), 2000).unref();
      });
    },
  };
}
