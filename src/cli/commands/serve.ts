import { buildApp } from '../../http/app.ts';
import { startScheduler } from '../../jobs/schedule.ts';
import { startDirectDelivery, type DirectDelivery } from '../../mail/inbound/sources/lmtp-server.ts';
import { loadConfig } from '../../config.ts';
import { createRuntime } from '../../runtime.ts';
import { countUsersByRole } from '../../domain/users/users.repo.ts';
import { parseFlags } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { installProcessFailurePolicy } from '../process-failure-policy.ts';
import { bootstrapAdmin } from './bootstrap-admin.ts';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the helpdesk (web, worker and scheduler in one process by default)',
  help: `Usage: parley serve [--services=web,worker,scheduler]

Serves Parley on PORT (default 3000). With no DATABASE_URL it uses SQLite in
PARLEY_DATA_DIR (./data), created on first start. Migrations are applied at start.
On the first start, when the default tenant has no admin, it prints a one-time
admin password.`,
  async run(args, io) {
    const { values } = parseFlags(args, { services: { type: 'string' } });
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    const env = values.services ? { ...process.env, PARLEY_SERVICES: values.services } : process.env;
    const config = loadConfig(env);
    const rt = await createRuntime(config);
    const app = await buildApp(rt, { logger: { level: config.logLevel } });
    const removePolicy = installProcessFailurePolicy((level, msg, data) => app.log[level](data, msg));
    if (config.services.includes('worker')) {
      rt.worker.start();
      rt.webhooks.start();
    }
    const scheduler = config.services.includes('scheduler')
      ? startScheduler({ db: rt.db, dialect: rt.dialect, onJobsEnqueued: rt.onJobsEnqueued, log: (level, msg, data) => app.log[level](data ?? {}, msg) })
      : null;
    if ((await countUsersByRole(rt.db, rt.defaultTenantId, 'admin')) === 0) {
      const { email, password } = await bootstrapAdmin(rt);
      io.stdout.write(`\nFirst start: an admin account was created for the default tenant.\n  email:    ${email}\n  password: ${password}\nSign in at ${rt.config.baseUrl}/tickets/ (or POST /tickets/api/auth/token/) and change this password (parley user set-password).\n\n`);
    }
    await app.listen({ port: config.port, host: config.host });
    const direct: DirectDelivery[] = [];
    for (const [port, lmtp] of [[config.lmtpPort, true], [config.smtpPort, false]] as const) {
      if (port === undefined) continue;
      const d = await startDirectDelivery({ rt, port, host: config.directHost, lmtp, allowedClients: config.directAllowedClients, deadlineMs: config.deadlineMs, log: (level, msg, data) => app.log[level](data ?? {}, msg) });
      direct.push(d);
      io.stdout.write(`${lmtp ? 'LMTP' : 'SMTP'} delivery on ${config.directHost}:${d.port}\n`);
    }
    io.stdout.write(`Parley is serving on ${config.baseUrl} (database: ${rt.dialect}); API docs at ${config.baseUrl}/tickets/api/docs\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    for (const d of direct) await d.close();
    await app.close();
    await scheduler?.stop();
    await rt.close();
    removePolicy();
    return 0;
  },
};
