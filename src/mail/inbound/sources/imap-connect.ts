/**
 * An authenticated imapflow session for a mailbox: TLS, STARTTLS (required, never
 * opportunistic) or plain text to this machine only; a password or an OAuth2 token
 * (imapflow sends OAUTHBEARER when the server offers it, else XOAUTH2). A token the
 * server refuses is refreshed and tried once more, since a token can be revoked before
 * its stated expiry. The session is closed when `signal` aborts.
 */
import { ImapFlow } from 'imapflow';
import type { Runtime } from '../../../runtime.ts';
import type { MailboxRow } from '../mailboxes.repo.ts';
import { mailboxCredentials, serverTarget, type MailboxCredentials } from './mailbox-credentials.ts';

export interface ImapSourceOptions {
  /** Use these instead of the mailbox's stored credentials. */
  credentials?: MailboxCredentials;
  /** A private CA to trust (tests); certificates are always verified. */
  ca?: string | Buffer;
  signal?: AbortSignal;
  /** At most this many messages per scan; the rest wait for the next one. */
  maxMessages?: number;
}

export async function connectImap(rt: Runtime, mailbox: MailboxRow, o: ImapSourceOptions): Promise<ImapFlow> {
  const target = serverTarget(mailbox);
  let credentials = o.credentials ?? await mailboxCredentials(rt, mailbox);
  try {
    return await open(target, credentials, o);
  } catch (err) {
    const refused = (err as { authenticationFailed?: boolean }).authenticationFailed;
    if (!refused || credentials.method === 'password' || o.credentials) throw err;
    credentials = await mailboxCredentials(rt, mailbox, credentials.accessToken);
    return open(target, credentials, o);
  }
}

async function open(target: ReturnType<typeof serverTarget>, credentials: MailboxCredentials, o: ImapSourceOptions): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: target.host,
    port: target.port,
    secure: target.security === 'tls',
    // imapflow's default upgrades only if offered, which a downgrade attack defeats.
    doSTARTTLS: target.security === 'starttls' ? true : target.security === 'none' ? false : undefined,
    tls: { rejectUnauthorized: true, ...(o.ca ? { ca: o.ca } : {}) },
    auth: credentials.method === 'password'
      ? { user: credentials.user, pass: credentials.password }
      : { user: credentials.user, accessToken: credentials.accessToken },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  });
  // imapflow reports socket trouble as an 'error' event; the pending command rejects too.
  client.on('error', () => {});
  const abort = () => client.close();
  if (o.signal?.aborted) throw new Error('the scan was cancelled');
  o.signal?.addEventListener('abort', abort, { once: true });
  client.once('close', () => o.signal?.removeEventListener('abort', abort));
  try {
    await client.connect();
    return client;
  } catch (err) {
    client.close();
    throw loginError(err, credentials);
  }
}

/** imapflow says "Command failed"; say what failed, keeping the flag connectImap retries on. */
function loginError(err: unknown, credentials: MailboxCredentials): Error {
  const e = err as { authenticationFailed?: boolean; response?: string; responseText?: string };
  if (!e?.authenticationFailed) return err instanceof Error ? err : new Error(String(err));
  const why = e.responseText ?? e.response ?? 'refused';
  return Object.assign(new Error(`the IMAP server refused the ${credentials.method} login of ${credentials.user}: ${why}`), { authenticationFailed: true });
}
