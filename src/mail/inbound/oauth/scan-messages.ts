/**
 * The loop both REST sources share: fetch each message, store it with receiveMessage,
 * and only then acknowledge it at the source. A message that fails is left unread at
 * the source for the next scan and does not stop the others; a failure of the mailbox
 * itself (its authorization, its token endpoint) stops the scan and is thrown.
 */
import type { Runtime } from '../../../runtime.ts';
import type { MailboxRow } from '../mailboxes.repo.ts';
import { receiveMessage } from '../receive-message.ts';
import { MailboxNeedsReauthError } from './access-token.ts';
import { OAuthTokenError } from './token-endpoint.ts';

export interface ScanResult {
  /** Messages fetched from the source. */
  fetched: number;
  /** Newly stored (and queued for processing). */
  stored: number;
  /** Stored by an earlier scan whose acknowledgement did not reach the source. */
  duplicates: number;
  /** Messages left at the source, with why; the caller records them as the scan's error. */
  failed: Array<{ ref: string; error: string }>;
}

export interface MessageSource {
  source: 'graph' | 'gmail';
  fetchRaw(id: string): Promise<Buffer>;
  acknowledge(id: string): Promise<void>;
}

export async function scanMessages(rt: Runtime, mailbox: MailboxRow, ids: string[], s: MessageSource): Promise<ScanResult> {
  const result: ScanResult = { fetched: 0, stored: 0, duplicates: 0, failed: [] };
  for (const id of ids) {
    const ref = `${s.source}:${id}`;
    try {
      const raw = await s.fetchRaw(id);
      result.fetched++;
      const { duplicate } = await receiveMessage(rt, { tenantId: mailbox.tenant_id, mailboxId: mailbox.id, source: s.source, sourceRef: ref, raw });
      if (duplicate) result.duplicates++;
      else result.stored++;
      await s.acknowledge(id);
    } catch (err) {
      if (err instanceof MailboxNeedsReauthError || err instanceof OAuthTokenError) throw err;
      result.failed.push({ ref, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}
