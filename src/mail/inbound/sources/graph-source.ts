/**
 * A Microsoft 365 mailbox read through Microsoft Graph: the unread messages of its
 * folder, each fetched as MIME ($value), stored, and only then marked read (or moved
 * to the archive folder, when one is set).
 */
import type { Runtime } from '../../../runtime.ts';
import type { MailboxRow } from '../mailboxes.repo.ts';
import { MailApi } from '../oauth/mail-api.ts';
import { providerConfig } from '../oauth/provider-config.ts';
import { scanMessages, type ScanResult } from '../oauth/scan-messages.ts';

interface GraphPage { value?: Array<{ id: string }>; '@odata.nextLink'?: string }

/** At most this many per scan; the rest wait for the next one. */
const MAX_PER_SCAN = 1000;

export async function scanGraphMailbox(rt: Runtime, mailbox: MailboxRow): Promise<ScanResult> {
  const config = providerConfig(mailbox);
  const api = new MailApi(rt, mailbox, { origin: config.graphUrl });
  const user = mailbox.username ? `users/${encodeURIComponent(mailbox.username)}` : 'me';
  const base = `${config.graphUrl}/v1.0/${user}`;
  // Graph's well-known folder names are lower case; anything else is a folder id.
  const folder = /^inbox$/i.test(mailbox.folder) ? 'inbox' : encodeURIComponent(mailbox.folder);
  // Spaces as %20: OData does not read "+" as a space.
  let next: string | null = `${base}/mailFolders/${folder}/messages?$filter=${encodeURIComponent('isRead eq false')}&$select=id&$top=50`;
  const ids: string[] = [];
  while (next && ids.length < MAX_PER_SCAN) {
    const page: GraphPage = await api.json<GraphPage>(next);
    ids.push(...(page.value ?? []).map((m) => m.id));
    next = page['@odata.nextLink'] ?? null;
  }
  const message = (id: string) => `${base}/messages/${encodeURIComponent(id)}`;
  // Graph lists newest first; storing oldest first keeps a thread's order.
  return scanMessages(rt, mailbox, ids.slice(0, MAX_PER_SCAN).reverse(), {
    source: 'graph',
    fetchRaw: (id) => api.bytes(`${message(id)}/$value`),
    acknowledge: async (id) => {
      if (mailbox.archive_folder) await api.json(`${message(id)}/move`, { method: 'POST', body: { destinationId: mailbox.archive_folder } });
      else await api.json(message(id), { method: 'PATCH', body: { isRead: true } });
    },
  });
}
