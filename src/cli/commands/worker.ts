import { loadConfig } from '../../config.ts';
import { startScheduler } from '../../jobs/schedule.ts';
import { createRuntime } from '../../runtime.ts';
import { parseFlags } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { installProcessFailurePolicy } from '../process-failure-policy.ts';

export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'Run background jobs only (for scaling out next to `serve --services=web`)',
  help: `Usage: parley worker

Runs the durable job queue (mail, notifications and other work queued by the web
processes) and the periodic jobs. Any number of workers may run against one
PostgreSQL database.`,
  async run(args, io) {
    const { values } = parseFlags(args, {});
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    const log = (level: string, msg: string, data?: Record<string, unknown>) => io.stderr.write(`${JSON.stringify({ level, msg, ...data })}\n`);
    const removePolicy = installProcessFailurePolicy(log);
    const rt = await createRuntime(loadConfig(), { log });
    rt.worker.start();
    rt.webhooks.start();
    // Safe on every worker: each time slot of a periodic job is queued once per cluster.
    const scheduler = startScheduler({ db: rt.db, dialect: rt.dialect, onJobsEnqueued: rt.onJobsEnqueued, log });
    io.stdout.write(`Parley worker ${rt.worker.id} is running (database: ${rt.dialect}).\n`);
    await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
    await scheduler.stop();
    await rt.close();
    removePolicy();
    return 0;
  },
};
