/**
 * "Test connection" for an IMAP or POP3 mailbox (admins only): logs in with the same
 * clients a scan uses and opens the folder (IMAP) or counts the messages (POP3), then
 * leaves without fetching, marking or deleting anything. The settings tried are a saved
 * mailbox's, optionally with unsaved changes over them, or a new mailbox's before it is
 * saved: nothing is stored either way. A failure is an answer, not an error, with a
 * reason code the app can explain (auth, unreachable, tls, timeout, folder, config).
 *
 * Where it may connect: anywhere a scan of the same settings would (on-premises mail
 * servers live on private networks, and tests on 127.0.0.1), except link-local,
 * unspecified and multicast addresses, which no mail server has and which reach cloud
 * metadata services. Plain text stays loopback-only (serverTarget). Bounded by a timeout.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { MailboxRow } from '../../mail/inbound/mailboxes.repo.ts';
import { findMailbox } from '../../mail/inbound/mailboxes.repo.ts';
import { connectImap } from '../../mail/inbound/sources/imap-connect.ts';
import { describeError, mailboxCredentials, MailboxConfigError, serverTarget } from '../../mail/inbound/sources/mailbox-credentials.ts';
import { Pop3Client } from '../../mail/inbound/sources/pop3-client.ts';
import type { Runtime } from '../../runtime.ts';
import type { Ctx } from '../shared/context.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { authorizeMailbox } from './mailbox.policy.ts';
import { resolveMailboxSettings, type MailboxInput } from './mailbox-settings.ts';
import { usesHost } from './mailbox-values.ts';

export type ConnectionFailure = 'auth' | 'unreachable' | 'tls' | 'timeout' | 'folder' | 'config';

export interface ConnectionTestResult {
  ok: boolean;
  /** Why it failed, as a code; null when it worked. */
  reason: ConnectionFailure | null;
  /** The failure in the server's or the system's words; null when it worked. */
  error: string | null;
  details: { kind: string; host: string; port: number; security: string; folder: string | null; messages: number | null; ms: number };
}

export interface ConnectionTestOptions {
  timeoutMs?: number;
  /** A private CA to trust (tests); certificates are always verified. */
  ca?: string | Buffer;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Tests a saved mailbox (id) with optional unsaved changes, or new settings (no id). */
export async function testMailboxConnection(ctx: Ctx, rt: Runtime, id: string | null, input: MailboxInput, o: ConnectionTestOptions = {}): Promise<ConnectionTestResult> {
  authorizeMailbox(ctx.actor, 'scan');
  const before = id === null ? undefined : await findMailbox(ctx.db, ctx.tenantId, id);
  if (id !== null && !before) throw new NotFoundError('mailbox');
  const kind = input.kind ?? before?.kind;
  if (kind && !usesHost(kind)) throw ValidationError.field('kind', 'only IMAP and POP3 mailboxes can be tested; Microsoft Graph and Gmail mailboxes are checked by "Scan now" once connected');
  // The same rules as saving (and a 422 for the same mistakes); the row is never stored.
  const settings = await resolveMailboxSettings(ctx, rt.secrets, before, input);
  const mailbox = { ...(before ?? blank(ctx.tenantId)), ...settings } as MailboxRow;

  const started = Date.now();
  const details = { kind: mailbox.kind, host: mailbox.host ?? '', port: mailbox.port ?? 0, security: mailbox.security, folder: mailbox.kind === 'imap' ? mailbox.folder : null, messages: null as number | null };
  const done = (failure: { reason: ConnectionFailure; error: string } | null, messages: number | null = null): ConnectionTestResult => ({
    ok: failure === null, reason: failure?.reason ?? null, error: failure?.error ?? null, details: { ...details, messages, ms: Date.now() - started },
  });

  const controller = new AbortController();
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
  try {
    const target = serverTarget(mailbox);
    Object.assign(details, { host: target.host, port: target.port });
    await refuseUnroutable(target.host);
    const credentials = await mailboxCredentials(rt, mailbox);
    const work = mailbox.kind === 'imap' ? tryImap(rt, mailbox, credentials, controller.signal, o.ca) : tryPop3(target, credentials, timeoutMs, o.ca, controller.signal);
    // The clients' own timeouts are longer than an admin should wait: the abort closes them.
    work.catch(() => {}); // answered by the race below; a late rejection after a timeout is expected
    const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), { once: true }));
    return done(null, await Promise.race([work, aborted]));
  } catch (err) {
    return done({ reason: timedOut ? 'timeout' : classify(err), error: describeError(err) });
  } finally {
    clearTimeout(timer);
  }
}

async function tryImap(rt: Runtime, mailbox: MailboxRow, credentials: Awaited<ReturnType<typeof mailboxCredentials>>, signal: AbortSignal, ca?: string | Buffer): Promise<number> {
  const client = await connectImap(rt, mailbox, { credentials, signal, ca });
  try {
    let opened;
    try {
      opened = await client.mailboxOpen(mailbox.folder, { readOnly: true });
    } catch (err) {
      throw Object.assign(new Error(`the folder "${mailbox.folder}" could not be opened: ${describeError(err)}`), { folder: true });
    }
    return opened.exists;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function tryPop3(target: ReturnType<typeof serverTarget>, credentials: Awaited<ReturnType<typeof mailboxCredentials>>, timeoutMs: number, ca: string | Buffer | undefined, signal: AbortSignal): Promise<number> {
  const client = await Pop3Client.connect({ ...target, tls: ca ? { ca } : undefined, timeoutMs });
  signal.addEventListener('abort', () => client.close(), { once: true });
  try {
    try {
      if (credentials.method === 'password') await client.login(credentials.user, credentials.password);
      else await client.oauth(credentials.method === 'xoauth2' ? 'XOAUTH2' : 'OAUTHBEARER', credentials.user, credentials.accessToken);
    } catch (err) {
      throw Object.assign(new Error(`the POP3 server refused the login of ${credentials.user}: ${describeError(err)}`), { authenticationFailed: true });
    }
    return (await client.stat()).count;
  } finally {
    // QUIT with nothing marked deletes nothing.
    await client.quit().catch(() => client.close());
  }
}

/** Refuses hosts that resolve to link-local, unspecified or multicast addresses. */
async function refuseUnroutable(host: string): Promise<void> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [bare] : (await lookup(bare, { all: true })).map((a) => a.address);
  const bad = addresses.find(unroutable);
  if (bad) throw new MailboxConfigError(`${host} resolves to ${bad}, a link-local, unspecified or multicast address where no mail server can be`);
}

export function unroutable(address: string): boolean {
  const a = address.toLowerCase();
  if (isIP(a) === 4) {
    const [x, y] = a.split('.').map(Number) as [number, number];
    return x === 0 || (x === 169 && y === 254) || x >= 224;
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return unroutable(mapped[1]!);
  return a === '::' || /^fe[89ab]/.test(a) || a.startsWith('ff') || a === 'fd00:ec2::254';
}

function classify(err: unknown): ConnectionFailure {
  const e = err as { authenticationFailed?: boolean; folder?: boolean; code?: string; message?: string };
  if (err instanceof MailboxConfigError || err instanceof ValidationError) return 'config';
  if (e?.authenticationFailed) return 'auth';
  if (e?.folder) return 'folder';
  const text = `${e?.code ?? ''} ${e?.message ?? ''}`;
  if (/CERT|SSL|TLS|self[- ]signed|certificate|EPROTO|ERR_TLS|wrong version number/i.test(text)) return 'tls';
  if (/ETIMEDOUT|timed? ?out|Timeout/i.test(text)) return 'timeout';
  return 'unreachable';
}

function blank(tenantId: string): MailboxRow {
  return {
    id: '00000000-0000-0000-0000-000000000000', tenant_id: tenantId, name: 'test', kind: 'imap', host: null, port: null, security: 'tls', auth: 'password',
    username: null, secret_enc: null, oauth_provider: null, oauth_config: null, oauth_refresh_enc: null, oauth_access_enc: null, oauth_expires_at: null,
    folder: 'INBOX', archive_folder: null, department_id: null, is_active: true, state: 'ok', last_error: null, last_scan_at: null, last_success_at: null,
    uid_validity: null, last_uid: null, created_at: '', updated_at: '',
  } as MailboxRow;
}
