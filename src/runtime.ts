/**
 * The composition root: opens the database, applies migrations, makes sure the default
 * tenant exists and wires the services every entry point (server, worker, CLI) shares.
 */
import { join } from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/client.ts';
import { migrateToLatest } from './db/migrate.ts';
import { AttachmentStore } from './domain/attachments/attachment-store.ts';
import { JwtIssuer } from './domain/auth/jwt.ts';
import { SecretBox } from './domain/shared/secret-box.ts';
import type { Ctx, Services, Source, Actor } from './domain/shared/context.ts';
import { ensureDefaultTenant } from './domain/tenants/ensure-default-tenant.ts';
import { buildTasks } from './jobs/tasks/index.ts';
import { Worker } from './jobs/worker.ts';
import { loadCustomPatterns } from './mail/inbound/analysis/custom-patterns.ts';
import { processInboundTask } from './mail/inbound/process-inbound.ts';
import { PROCESS_TASK } from './mail/inbound/receive-message.ts';
import { RECOVER_TASK, recoverStuckInboundTask } from './mail/inbound/recover-stuck-inbound.ts';
import { SCAN_ONE_TASK, SCAN_TASK, scanMailboxTask, scanMailboxesTask } from './mail/inbound/scan-due-mailboxes.ts';
import type { ClaimedJob } from './jobs/jobs.repo.ts';
import { createMailTransport, type MailTransport } from './mail/outbound/transport.ts';

export interface Runtime extends Services {
  config: Readonly<Config>;
  handle: DatabaseHandle;
  jwt: JwtIssuer;
  /** Encrypts secrets stored in the database (mailbox credentials, OAuth tokens). */
  secrets: SecretBox;
  mail: MailTransport;
  worker: Worker;
  defaultTenantId: string;
  /** True when this start created the default tenant (first start). */
  firstStart: boolean;
  ctx(tenantId: string, actor: Actor | null, source: Source, requestId?: string | null): Ctx;
  close(): Promise<void>;
}

type Log = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;

export async function createRuntime(config: Readonly<Config>, opts: { log?: Log; migrate?: boolean } = {}): Promise<Runtime> {
  const log: Log = opts.log ?? ((level, msg, data) => console[level === 'info' ? 'log' : level](JSON.stringify({ level, msg, ...data })));
  if (config.mailPatternsFile) loadCustomPatterns(config.mailPatternsFile);
  const handle = openDatabase(config.database, { onError: (err) => log('warn', 'database connection lost', { err: err.message }) });
  if (opts.migrate !== false) await migrateToLatest(handle);
  let worker: Worker | undefined;
  const services: Services = {
    db: handle.db,
    dialect: handle.dialect,
    attachments: new AttachmentStore(join(config.dataDir, 'attachments')),
    onJobsEnqueued: () => worker?.wake(),
  };
  const { tenant, created } = await ensureDefaultTenant(services, config.defaultLanguage);
  // Without SMTP a local install logs what it would send: never a body that holds a credential (reset links, see
  // OutgoingMail.secret), and in production no body at all.
  const mail = createMailTransport(config.smtpUrl, (msg, data) => log('warn', msg, config.env === 'production' ? { ...data, text: undefined } : data));
  let self: Runtime | undefined;
  const tasks = {
    ...buildTasks({ db: handle.db, mail, baseUrl: config.baseUrl, from: config.mailFrom, attachments: services.attachments }),
    [PROCESS_TASK]: processInboundTask(services),
    [RECOVER_TASK]: recoverStuckInboundTask(services),
    // Scans need the whole runtime (credentials, OAuth), which exists only below.
    [SCAN_TASK]: (job: ClaimedJob) => scanMailboxesTask(self!)(job),
    [SCAN_ONE_TASK]: (job: ClaimedJob) => scanMailboxTask(self!)(job),
  };
  worker = new Worker({ db: handle.db, dialect: handle.dialect, tasks, log });
  const w = worker;
  const runtime: Runtime = {
    ...services,
    config, handle, mail, worker: w,
    jwt: new JwtIssuer(config.secretKey, config.accessTokenTtl, config.refreshTokenTtl),
    secrets: new SecretBox(config.secretKey),
    defaultTenantId: tenant.id,
    firstStart: created,
    ctx: (tenantId, actor, source, requestId = null) => ({ ...services, tenantId, actor, source, requestId }),
    async close() {
      await w.stop();
      await handle.close();
    },
  };
  self = runtime;
  return runtime;
}
