/**
 * A Gmail mailbox read through the Gmail API: the unread messages of its folder (the
 * inbox, or a label), each fetched raw, stored, and only then marked read (or moved
 * out of the inbox under the archive label, when one is set).
 */
import type { Runtime } from '../../../runtime.ts';
import type { MailboxRow } from '../mailboxes.repo.ts';
import { MailApi } from '../oauth/mail-api.ts';
import { providerConfig } from '../oauth/provider-config.ts';
import { scanMessages, type ScanResult } from '../oauth/scan-messages.ts';

interface GmailList { messages?: Array<{ id: string; threadId?: string }>; nextPageToken?: string }
interface GmailRaw { id: string; raw?: string }

/** At most this many per scan; the rest wait for the next one. */
const MAX_PER_SCAN = 1000;

export async function scanGmailMailbox(rt: Runtime, mailbox: MailboxRow): Promise<ScanResult> {
  const config = providerConfig(mailbox);
  const api = new MailApi(rt, mailbox, { origin: config.gmailUrl });
  const base = `${config.gmailUrl}/gmail/v1/users/me/messages`;
  const inInbox = /^inbox$/i.test(mailbox.folder);
  const query = inInbox ? 'is:unread in:inbox' : `is:unread label:"${mailbox.folder.replace(/"/g, '')}"`;
  const ids: string[] = [];
  let pageToken: string | undefined;
  do {
    const params = new URLSearchParams({ q: query, maxResults: '100', ...(pageToken && { pageToken }) });
    const page = await api.json<GmailList>(`${base}?${params}`);
    ids.push(...(page.messages ?? []).map((m) => m.id));
    pageToken = page.nextPageToken;
  } while (pageToken && ids.length < MAX_PER_SCAN);
  // Gmail lists newest first; storing oldest first keeps a thread's order.
  return scanMessages(rt, mailbox, ids.slice(0, MAX_PER_SCAN).reverse(), {
    source: 'gmail',
    fetchRaw: async (id) => {
      const m = await api.json<GmailRaw>(`${base}/${encodeURIComponent(id)}?format=raw`);
      if (!m.raw) throw new Error(`Gmail sent message ${id} without its raw content`);
      return Buffer.from(m.raw, 'base64url');
    },
    acknowledge: async (id) => {
      const archive = mailbox.archive_folder;
      const body = archive
        ? { addLabelIds: [archive], removeLabelIds: inInbox ? ['UNREAD', 'INBOX'] : ['UNREAD'] }
        : { removeLabelIds: ['UNREAD'] };
      await api.json(`${base}/${encodeURIComponent(id)}/modify`, { method: 'POST', body });
    },
  });
}
