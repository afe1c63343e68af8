/**
 * A real Dovecot (IMAP and POP3) for one test file: its own config, ports, state and
 * Maildirs in a temporary directory, listening on 127.0.0.1 only, in plain text (with
 * STARTTLS/STLS) and on TLS ports with a self-signed certificate made for it. Password
 * users come from a passwd-file; with `oauth2`, XOAUTH2 and OAUTHBEARER are checked by
 * Dovecot's oauth2 passdb against a token-introspection URL the test serves (see
 * startIntrospection). A missing `dovecot` binary is an error, never a skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePorts } from './free-ports.ts';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { nowIso } from '../../src/domain/shared/clock.ts';
import { findMailbox, insertMailbox, type MailboxRow } from '../../src/mail/inbound/mailboxes.repo.ts';
import type { Runtime } from '../../src/runtime.ts';

export interface DovecotUser { name: string; password?: string }

export interface DovecotOptions {
  users: DovecotUser[];
  oauth2?: { introspectionUrl: string };
  /** SASL mechanisms offered; default all four (imapflow then prefers OAUTHBEARER). */
  mechanisms?: Array<'plain' | 'login' | 'xoauth2' | 'oauthbearer'>;
}

export interface Dovecot {
  host: '127.0.0.1';
  imapPort: number; pop3Port: number; imapsPort: number; pop3sPort: number;
  /** The self-signed certificate of the TLS ports (trust it as a CA). */
  ca: Buffer;
  dir: string;
  /** Drops a message into the user's INBOX (Maildir/new), as an MDA would. */
  deliver(user: string, raw: Buffer | string): void;
  /** An authenticated IMAP session as the user, for checking what a scan did. */
  imap(user: string): Promise<ImapFlow>;
  log(): string;
  stop(): Promise<void>;
}

const BINARY = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p)) ?? 'dovecot';

/** Fails loudly when Dovecot is not installed (CI installs dovecot-imapd and dovecot-pop3d). */
export function dovecotVersion(): string {
  const r = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`Dovecot is needed by this test and "${BINARY} --version" failed: ${r.error?.message ?? r.stderr}. Install dovecot-imapd and dovecot-pop3d.`);
  return r.stdout.trim();
}

export { freePort, freePorts } from './free-ports.ts';

/** Who the mail processes run as: Dovecot refuses root, so root tests use nobody. */
function mailOwner(): { uid: number; gid: number; internal: string; login: string } {
  const me = userInfo();
  if (me.uid !== 0) return { uid: me.uid, gid: me.gid, internal: me.username, login: me.username };
  const id = (flag: string) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g'), internal: 'dovecot', login: 'dovenull' };
}

let instance = 0;

export async function startDovecot(o: DovecotOptions): Promise<Dovecot> {
  dovecotVersion();
  const dir = mkdtempSync(join(tmpdir(), 'parley-dovecot-'));
  // Login processes run as another user and must reach base_dir.
  chmodSync(dir, 0o755);
  const owner = mailOwner();
  const [imapPort, pop3Port, imapsPort, pop3sPort] = await freePorts(4) as [number, number, number, number];
  const mailRoot = join(dir, 'mail');
  mkdirSync(mailRoot);
  chownSync(mailRoot, owner.uid, owner.gid);
  const passwords = new Map(o.users.map((u) => [u.name, u.password]));
  for (const u of o.users) {
    for (const sub of ['', 'cur', 'new', 'tmp']) {
      const d = join(mailRoot, u.name, sub);
      mkdirSync(d, { recursive: true });
      chownSync(d, owner.uid, owner.gid);
    }
  }
  writeFileSync(join(dir, 'passwd'), o.users.filter((u) => u.password).map((u) => `${u.name}:{PLAIN}${u.password}::::::\n`).join(''));
  makeCertificate(dir);
  const mechanisms = o.mechanisms ?? ['plain', 'login', 'xoauth2', 'oauthbearer'];
  const oauthMechs = mechanisms.filter((m) => m === 'xoauth2' || m === 'oauthbearer');
  if (o.oauth2) {
    writeFileSync(join(dir, 'oauth2.conf'), [
      'introspection_mode = post', `introspection_url = ${o.oauth2.introspectionUrl}`,
      'username_attribute = username', 'active_attribute = active', 'active_value = true', '',
    ].join('\n'));
  }
  const conf = [
    `base_dir = ${dir}/run`, `state_dir = ${dir}/state`, `instance_name = parley-test-${process.pid}-${++instance}`,
    'listen = 127.0.0.1', 'protocols = imap pop3', `log_path = ${dir}/dovecot.log`,
    `default_internal_user = ${owner.internal}`, `default_login_user = ${owner.login}`, 'first_valid_uid = 1',
    'disable_plaintext_auth = no', 'auth_failure_delay = 0', 'ssl = yes', `ssl_cert = <${dir}/cert.pem`, `ssl_key = <${dir}/key.pem`,
    `auth_mechanisms = ${mechanisms.join(' ')}`, `mail_location = maildir:${mailRoot}/%u`,
    'pop3_uidl_format = %08Xu%08Xv', 'mail_max_userip_connections = 100',
    'passdb {', '  driver = passwd-file', `  args = scheme=PLAIN username_format=%u ${dir}/passwd`, '  mechanisms = plain login', '}',
    ...(o.oauth2 && oauthMechs.length ? ['passdb {', '  driver = oauth2', `  mechanisms = ${oauthMechs.join(' ')}`, `  args = ${dir}/oauth2.conf`, '}'] : []),
    'userdb {', '  driver = static', `  args = uid=${owner.uid} gid=${owner.gid} home=${mailRoot}/%u`, '}',
    'namespace inbox {', '  inbox = yes', '  separator = /', '}',
    'service imap-login {', `  inet_listener imap {\n    port = ${imapPort}\n  }`, `  inet_listener imaps {\n    port = ${imapsPort}\n    ssl = yes\n  }`, '}',
    'service pop3-login {', `  inet_listener pop3 {\n    port = ${pop3Port}\n  }`, `  inet_listener pop3s {\n    port = ${pop3sPort}\n    ssl = yes\n  }`, '}',
    'service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n}', '',
  ].join('\n');
  writeFileSync(join(dir, 'dovecot.conf'), conf);

  const child: ChildProcess = spawn(BINARY, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => { output += c; });
  child.stderr!.on('data', (c) => { output += c; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const readLog = () => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '');
  try {
    for (const port of [imapPort, pop3Port, imapsPort, pop3sPort]) await waitForPort(port, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`Dovecot did not start: ${(err as Error).message}\n${output}\n${readLog()}`);
  }

  let seq = 0;
  return {
    host: '127.0.0.1', imapPort, pop3Port, imapsPort, pop3sPort, dir,
    ca: readFileSync(join(dir, 'cert.pem')),
    deliver(user, raw) {
      const name = `${Date.now()}.P${process.pid}Q${++seq}R${randomBytes(4).toString('hex')}.parley-test`;
      const tmp = join(mailRoot, user, 'tmp', name);
      writeFileSync(tmp, raw);
      chownSync(tmp, owner.uid, owner.gid);
      renameSync(tmp, join(mailRoot, user, 'new', name));
    },
    async imap(user) {
      const password = passwords.get(user);
      if (!password) throw new Error(`user ${user} has no password`);
      const client = new ImapFlow({ host: '127.0.0.1', port: imapPort, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
      client.on('error', () => {});
      await client.connect();
      return client;
    },
    log: readLog,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} did not open in 15 s`);
}

function makeCertificate(dir: string): void {
  const r = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`openssl could not make the test certificate: ${r.error?.message ?? r.stderr}`);
}

export interface Introspection {
  url: string;
  /** The tokens Dovecot asked about, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * An RFC 7662 token-introspection endpoint for Dovecot's oauth2 passdb: answers
 * `{active: true, username}` for a token `owner` knows and `{active: false}` otherwise.
 */
export async function startIntrospection(owner: (token: string) => string | null): Promise<Introspection> {
  const requests: string[] = [];
  const server: Server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const token = new URLSearchParams(body).get('token') ?? '';
      requests.push(token);
      const username = owner(token);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(username ? { active: true, username } : { active: false }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/introspect`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface DovecotMailboxProps {
  kind: 'imap' | 'pop3';
  user: string;
  /** Sealed into secret_enc; null for none. */
  password: string | null;
  name?: string; tenantId?: string; folder?: string; archiveFolder?: string | null;
  /** Default none (plain text to 127.0.0.1); tls uses the TLS port. */
  security?: 'tls' | 'starttls' | 'none';
  port?: number; host?: string;
  auth?: 'password' | 'xoauth2' | 'oauthbearer';
}

/** Inserts a mailbox row that reads the user's mail on this Dovecot. */
export async function insertDovecotMailbox(rt: Runtime, d: Dovecot, p: DovecotMailboxProps): Promise<MailboxRow> {
  const id = crypto.randomUUID();
  const tenantId = p.tenantId ?? rt.defaultTenantId;
  const security = p.security ?? 'none';
  const tls = security === 'tls';
  const now = nowIso();
  await insertMailbox(rt.db, {
    id, tenant_id: tenantId, name: p.name ?? `${p.kind}-${p.user}-${id.slice(0, 6)}`, kind: p.kind,
    host: p.host ?? '127.0.0.1', port: p.port ?? (p.kind === 'imap' ? (tls ? d.imapsPort : d.imapPort) : (tls ? d.pop3sPort : d.pop3Port)),
    security, auth: p.auth ?? 'password', username: p.user, secret_enc: p.password === null ? null : rt.secrets.seal(p.password),
    oauth_provider: null, oauth_config: null, oauth_refresh_enc: null, oauth_access_enc: null, oauth_expires_at: null,
    folder: p.folder ?? 'INBOX', archive_folder: p.archiveFolder ?? null, department_id: null,
    last_error: null, last_scan_at: null, last_success_at: null, uid_validity: null, last_uid: null,
    created_at: now, updated_at: now,
  });
  return (await findMailbox(rt.db, tenantId, id))!;
}
