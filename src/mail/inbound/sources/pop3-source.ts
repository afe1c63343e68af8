/**
 * Fetches a POP3 mailbox: each message (by UIDL) is retrieved, stored with
 * receiveMessage, and only then marked with DELE; QUIT at the end makes the server
 * remove them. A session that breaks off before QUIT removes nothing, so the next
 * scan fetches those messages again and deduplication recognises them. A message that
 * fails (too large, a storage error) stays on the server and the others go on.
 */
import type { Runtime } from '../../../runtime.ts';
import type { MailboxRow } from '../mailboxes.repo.ts';
import type { ScanResult } from '../oauth/scan-messages.ts';
import { MAX_RAW_BYTES, receiveMessage } from '../receive-message.ts';
import { describeError, mailboxCredentials, serverTarget, type MailboxCredentials } from './mailbox-credentials.ts';
import { Pop3Client, Pop3Error } from './pop3-client.ts';

export interface Pop3SourceOptions {
  credentials?: MailboxCredentials;
  /** A private CA to trust (tests); certificates are always verified. */
  ca?: string | Buffer;
  signal?: AbortSignal;
  /** At most this many messages per session; the rest wait for the next scan. */
  maxMessages?: number;
  timeoutMs?: number;
}

const MAX_PER_SCAN = 500;

export async function scanPop3Mailbox(rt: Runtime, mailbox: MailboxRow, o: Pop3SourceOptions = {}): Promise<ScanResult> {
  const result: ScanResult = { fetched: 0, stored: 0, duplicates: 0, failed: [] };
  const target = serverTarget(mailbox);
  const credentials = o.credentials ?? await mailboxCredentials(rt, mailbox);
  if (o.signal?.aborted) throw new Error('the scan was cancelled');
  const client = await Pop3Client.connect({ ...target, tls: o.ca ? { ca: o.ca } : undefined, timeoutMs: o.timeoutMs });
  const abort = () => client.close();
  o.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (credentials.method === 'password') await client.login(credentials.user, credentials.password);
    else await client.oauth(credentials.method === 'xoauth2' ? 'XOAUTH2' : 'OAUTHBEARER', credentials.user, credentials.accessToken);
    const sizes = await client.list();
    const messages = (await client.uidl()).slice(0, o.maxMessages ?? MAX_PER_SCAN);
    for (const { n, id } of messages) {
      const ref = `uidl:${id}`;
      const size = sizes.get(n) ?? 0;
      if (size > MAX_RAW_BYTES) {
        result.failed.push({ ref, error: `message of ${size} bytes is over the ${MAX_RAW_BYTES} byte limit; it is left on the server` });
        continue;
      }
      let raw: Buffer;
      try {
        raw = await client.retr(n, MAX_RAW_BYTES + 1024 * 1024);
      } catch (err) {
        // A -ERR leaves the session usable; anything else (a timeout, a cut) may have left
        // the data half read, so the session ends there, deleting nothing.
        if (err instanceof Pop3Error && err.response?.startsWith('-ERR')) {
          result.failed.push({ ref, error: describeError(err) });
          continue;
        }
        throw new Error(`${ref}: ${describeError(err)}`);
      }
      result.fetched++;
      try {
        const r = await receiveMessage(rt, { tenantId: mailbox.tenant_id, mailboxId: mailbox.id, source: 'pop3', sourceRef: ref, raw });
        if (r.duplicate) result.duplicates++;
        else result.stored++;
      } catch (err) {
        result.failed.push({ ref, error: describeError(err) });
        continue;
      }
      await client.dele(n);
    }
    await client.quit();
    return result;
  } finally {
    o.signal?.removeEventListener('abort', abort);
    client.close();
  }
}
