/**
 * The composition root: opens the database, applies migrations, makes sure the default
 * tenant exists and wires the services every entry point (server, worker, CLI) shares.
 */
import { outboundPolicy } from './net/outbound-guard.ts';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/client.ts';
import { migrateToLatest } from './db/migrate.ts';
import { AttachmentStore } from './domain/attachments/attachment-store.ts';
import { JwtIssuer } from './domain/auth/jwt.ts';
import { SecretBox } from './domain/shared/secret-box.ts';
import { systemCtx, type Acting, type Ctx, type Services, type Source, type SystemPart } from './domain/shared/context.ts';
import { ensureDefaultTenant } from './domain/tenants/ensure-default-tenant.ts';
import { buildTasks } from './jobs/tasks/index.ts';
import { Foreground } from './jobs/foreground.ts';
import { Worker } from './jobs/worker.ts';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.ts';
import { loadCustomPatterns } from './mail/inbound/analysis/custom-patterns.ts';
import { createMailTransport, type MailTransport } from './mail/outbound/transport.ts';
import { LiveUpdates } from './live/live-updates.ts';
import { mailDomain } from './mail/outbound/message-id.ts';
import { loadActionPlugins } from './domain/automation/load-action-plugins.ts';

export interface Runtime extends Services {
  config: Readonly<Config>;
  handle: DatabaseHandle;
  jwt: JwtIssuer;
  /** Encrypts secrets stored in the database (mailbox credentials, OAuth tokens). */
  secrets: SecretBox;
  mail: MailTransport;
  /** Live updates: the SSE streams this process serves, fed after every commit. */
  live: LiveUpdates;
  worker: Worker;
  /** The requests in flight in this process, which the worker lets go first (jobs/foreground.ts). */
  foreground: Foreground;
  /** Sends webhook messages from their outbox, beside the worker (started with it). */
  webhooks: WebhookDispatcher;
  defaultTenantId: string;
  /** True when this start created the default tenant (first start). */
  firstStart: boolean;
  ctx(tenantId: string, actor: Acting, source: Source, requestId?: string | null): Ctx;
  /** A context in which Parley itself acts (default: setup, as tests and seeds do). */
  systemCtx(tenantId: string, part?: SystemPart): Ctx;
  close(): Promise<void>;
}

type Log = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;

export async function createRuntime(config: Readonly<Config>, opts: { log?: Log; migrate?: boolean } = {}): Promise<Runtime> {
  const log: Log = opts.log ?? ((level, msg, data) => console[level === 'info' ? 'log' : level](JSON.stringify({ level, msg, ...data })));
  if (config.mailPatternsFile) loadCustomPatterns(config.mailPatternsFile);
  await loadActionPlugins(config.actionPlugins);
  const handle = openDatabase(config.database, { onError: (err) => log('warn', 'database connection lost', { err: err.message }) });
  if (opts.migrate !== false) await migrateToLatest(handle);
  let worker: Worker | undefined;
  let webhooks: WebhookDispatcher | undefined;
  const live = new LiveUpdates({ db: handle.db, dialect: handle.dialect, databaseUrl: config.database.dialect === 'postgres' ? config.database.url : null, log });
  const services: Services = {
    db: handle.db,
    dialect: handle.dialect,
    attachments: new AttachmentStore(join(config.dataDir, 'attachments')),
    onJobsEnqueued: () => worker?.wake(),
    onEventRecorded: (e) => live.recorded(e),
    onWebhooksQueued: () => webhooks?.wake(),
    mailDomain: mailDomain({ baseUrl: config.baseUrl, mailFrom: config.mailFrom }),
    outbound: outboundPolicy(config.outboundAllow),
  };
  const { tenant, created } = await ensureDefaultTenant(services, config.defaultLanguage);
  // Without SMTP a local install logs what it would send: never a body that holds a credential (reset links, see
  // OutgoingMail.secret), and in production no body at all.
  const mail = createMailTransport(config.smtpUrl, (msg, data) => log('warn', msg, config.env === 'production' ? { ...data, text: undefined } : data));
  let self: Runtime | undefined;
  const tasks = buildTasks({
    ...services, mail, baseUrl: config.baseUrl, from: config.mailFrom,
    // Mailbox scans need the whole runtime (credentials, OAuth), which exists only below; no job runs before it does.
    runtime: () => {
      if (!self) throw new Error('the runtime is still starting');
      return self;
    },
  });
  const foreground = new Foreground({ share: config.jobShare });
  worker = new Worker({ db: handle.db, dialect: handle.dialect, tasks, log, foreground });
  const w = worker;
  const secrets = new SecretBox(config.secretKey);
  webhooks = new WebhookDispatcher({ services, secrets, baseUrl: config.baseUrl, log });
  const dispatcher = webhooks;
  const runtime: Runtime = {
    ...services,
    config, handle, mail, worker: w, foreground, live, webhooks: dispatcher,
    jwt: new JwtIssuer(config.secretKey, config.accessTokenTtl, config.refreshTokenTtl),
    secrets,
    defaultTenantId: tenant.id,
    firstStart: created,
    ctx: (tenantId, actor, source, requestId = null) => ({ ...services, tenantId, actor, source, requestId }),
    systemCtx: (tenantId, part = 'setup') => systemCtx(services, tenantId, part),
    async close() {
      await w.stop();
      await dispatcher.stop();
      await live.close();
      mail.close?.();
      await handle.close();
    },
  };
  self = runtime;
  return runtime;
}
