/**
 * Configuration from the environment, parsed once at start and frozen.
 * A bad value stops the start with every error listed, not just the first.
 */
import { outboundPolicy } from './net/outbound-guard.ts';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { allowedClientsCheck } from './mail/inbound/sources/direct-clients.ts';

const DEFAULT_SECRET = 'change-me';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const services = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(['web', 'worker', 'scheduler'])).min(1));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PARLEY_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:|file:)/, 'must start with postgres://, sqlite: or file:')
    .optional(),
  PARLEY_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  PARLEY_BASE_URL: z.url().optional(),
  PARLEY_SERVICES: services.default(['web', 'worker', 'scheduler']),
  PARLEY_TRUST_PROXY: boolean.default(false),
  PARLEY_ACCESS_TOKEN_TTL: z.coerce.number().int().min(60).default(900),
  PARLEY_REFRESH_TOKEN_TTL: z.coerce.number().int().min(300).default(30 * 24 * 3600),
  PARLEY_SESSION_TTL: z.coerce.number().int().min(300).default(14 * 24 * 3600),
  /** Requests per minute per credential on the API; 0 turns the limit off. */
  PARLEY_API_RATE_LIMIT: z.coerce.number().int().min(0).default(3000),
  /** ×10 = sign-in attempts per minute per client address; also registration/reset requests per minute per address. */
  PARLEY_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  PARLEY_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  PARLEY_MAIL_FROM: z.string().optional(),
  /** Language of the default tenant created on first start (names its first department). */
  PARLEY_DEFAULT_LANGUAGE: z.string().regex(/^[a-z]{2}(-[a-z]{2})?$/i, 'must be a language code like es or pt-br').default('es'),
  /** A JSON file of extra quote/signature patterns for mail stripping (see docs/mail.md). */
  PARLEY_MAIL_PATTERNS: z.string().min(1).optional(),
  /** Direct delivery listeners, off when unset: LMTP for a local MTA, SMTP for a relay. */
  PARLEY_LMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PARLEY_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PARLEY_DIRECT_HOST: z.string().min(1).default('127.0.0.1'),
  /** Comma-separated CIDR ranges allowed to deliver; unset allows any client that reaches the port. */
  PARLEY_DIRECT_ALLOWED_CLIENTS: z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).optional(),
  /** Bounds on database waits, in milliseconds; 0 turns one off (see docs/configuration.md). */
  PARLEY_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
  PARLEY_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  PARLEY_DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
  PARLEY_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  PARLEY_DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).default(20_000),
  PARLEY_DB_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
  /** Longest an HTTP request, an SMTP/LMTP transaction or `parley mailgate` waits before a temporary failure. */
  PARLEY_DEADLINE_MS: z.coerce.number().int().min(100).default(30_000),
  /** Longest /readyz waits for the database before answering 503. */
  PARLEY_READYZ_TIMEOUT_MS: z.coerce.number().int().min(50).default(2000),
  /** The share of time jobs run in the web server's process while requests are in flight (src/jobs/foreground.ts); 1 never pauses them. */
  PARLEY_JOB_SHARE: z.coerce.number().gt(0).max(1).default(0.25),
  /** The built web app (`vite build` output) served under /tickets/; default web/dist of this checkout. */
  PARLEY_WEB_DIR: z.string().min(1).optional(),
  /** Hosts, addresses or CIDR ranges webhooks may reach although internal (src/net/outbound-guard.ts). */
  PARLEY_OUTBOUND_ALLOW: z.string().optional(),
  /** Comma-separated paths of action plugin modules (.mjs, .js or .ts) loaded at start (docs/automation.md). */
  PARLEY_ACTION_PLUGINS: z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type DatabaseTarget =
  | { dialect: 'sqlite'; file: string; timeouts?: DatabaseTimeouts }
  | { dialect: 'postgres'; url: string; timeouts?: DatabaseTimeouts };

/** Bounds on every wait for the database, in milliseconds; 0 turns one off. */
export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one in the pool (PostgreSQL). */
  connectMs: number;
  /** Server side: a statement running longer is cancelled (PostgreSQL statement_timeout). */
  statementMs: number;
  /** Server side: waiting longer for a lock fails (PostgreSQL lock_timeout). */
  lockMs: number;
  /** Server side: a transaction left idle longer is ended (idle_in_transaction_session_timeout). */
  idleInTransactionMs: number;
  /** Client side: no answer within this (a frozen server) closes the connection and fails the query. */
  queryMs: number;
  /** SQLite: how long a write waits for another writer's lock (busy_timeout). */
  busyMs: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  secretKey: string;
  baseUrl: string;
  services: ReadonlyArray<'web' | 'worker' | 'scheduler'>;
  trustProxy: boolean;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  sessionTtl: number;
  apiRateLimit: number;
  loginRateLimit: number;
  maxBodyBytes: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  defaultLanguage: string;
  mailPatternsFile: string | undefined;
  lmtpPort: number | undefined;
  smtpPort: number | undefined;
  directHost: string;
  directAllowedClients: readonly string[] | undefined;
  /** Deadline of one HTTP request, SMTP/LMTP transaction or mailgate run (ms). */
  deadlineMs: number;
  readyzTimeoutMs: number;
  /** PARLEY_JOB_SHARE: jobs' share of the event loop while requests are in flight. */
  jobShare: number;
  webDir: string;
  /** PARLEY_OUTBOUND_ALLOW: internal hosts and ranges webhooks may reach (none by default). */
  outboundAllow: string | undefined;
  /** PARLEY_ACTION_PLUGINS: action plugin modules, absolute paths (docs/automation.md). */
  actionPlugins: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const dataDir = resolve(e.PARLEY_DATA_DIR);
  if (e.NODE_ENV === 'production') {
    if (!e.PARLEY_SECRET_KEY) problems.push('PARLEY_SECRET_KEY: required in production');
    else if (e.PARLEY_SECRET_KEY.startsWith(DEFAULT_SECRET)) {
      problems.push('PARLEY_SECRET_KEY: the default value cannot be used in production');
    }
  }
  try {
    if (e.PARLEY_DIRECT_ALLOWED_CLIENTS) allowedClientsCheck(e.PARLEY_DIRECT_ALLOWED_CLIENTS);
  } catch (err) {
    problems.push(`PARLEY_DIRECT_ALLOWED_CLIENTS: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    outboundPolicy(e.PARLEY_OUTBOUND_ALLOW);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  if (problems.length) throw new ConfigError(problems);

  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: databaseTarget(e.DATABASE_URL, dataDir, {
      connectMs: e.PARLEY_DB_CONNECT_TIMEOUT_MS,
      statementMs: e.PARLEY_DB_STATEMENT_TIMEOUT_MS,
      lockMs: e.PARLEY_DB_LOCK_TIMEOUT_MS,
      idleInTransactionMs: e.PARLEY_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      queryMs: e.PARLEY_DB_QUERY_TIMEOUT_MS,
      busyMs: e.PARLEY_DB_BUSY_TIMEOUT_MS,
    }),
    secretKey: e.PARLEY_SECRET_KEY ?? localSecret(dataDir),
    baseUrl: (e.PARLEY_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    services: Object.freeze(e.PARLEY_SERVICES),
    trustProxy: e.PARLEY_TRUST_PROXY,
    accessTokenTtl: e.PARLEY_ACCESS_TOKEN_TTL,
    refreshTokenTtl: e.PARLEY_REFRESH_TOKEN_TTL,
    sessionTtl: e.PARLEY_SESSION_TTL,
    apiRateLimit: e.PARLEY_API_RATE_LIMIT,
    loginRateLimit: e.PARLEY_LOGIN_RATE_LIMIT,
    maxBodyBytes: e.PARLEY_MAX_BODY_BYTES,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.PARLEY_MAIL_FROM ?? 'Parley <parley@localhost>',
    logLevel: e.LOG_LEVEL,
    defaultLanguage: e.PARLEY_DEFAULT_LANGUAGE.toLowerCase(),
    mailPatternsFile: e.PARLEY_MAIL_PATTERNS && resolve(e.PARLEY_MAIL_PATTERNS),
    lmtpPort: e.PARLEY_LMTP_PORT,
    smtpPort: e.PARLEY_SMTP_PORT,
    directHost: e.PARLEY_DIRECT_HOST,
    directAllowedClients: e.PARLEY_DIRECT_ALLOWED_CLIENTS,
    deadlineMs: e.PARLEY_DEADLINE_MS,
    readyzTimeoutMs: e.PARLEY_READYZ_TIMEOUT_MS,
    jobShare: e.PARLEY_JOB_SHARE,
    outboundAllow: e.PARLEY_OUTBOUND_ALLOW,
    actionPlugins: Object.freeze((e.PARLEY_ACTION_PLUGINS ?? []).map((p) => resolve(p))),
    webDir: resolve(e.PARLEY_WEB_DIR ?? fileURLToPath(new URL('../web/dist', import.meta.url))),
  });
}

function databaseTarget(url: string | undefined, dataDir: string, timeouts: DatabaseTimeouts): DatabaseTarget {
  if (!url) return { dialect: 'sqlite', file: join(dataDir, 'parley.db'), timeouts };
  if (url.startsWith('postgres')) return { dialect: 'postgres', url, timeouts };
  const file = url.replace(/^(sqlite|file):(\/\/)?/, '');
  return { dialect: 'sqlite', file: file === ':memory:' ? file : resolve(file), timeouts };
}

/**
 * Outside production a missing secret is generated once and kept in the data
 * directory, so sessions and tokens survive restarts of a local install.
 */
function localSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
