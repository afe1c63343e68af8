/**
 * Fetches an IMAP folder: every message with a UID above the last one taken in, and
 * every unseen one, oldest first. Each batch is stored with receiveMessage and only
 * then flagged \Seen (or moved to the archive folder), and only then is the last UID
 * saved: a crash anywhere leaves messages at the server to be fetched again, where
 * deduplication recognises them. A changed UIDVALIDITY invalidates the saved UID, so
 * the folder's unseen messages are taken again. A message that fails (too large, a
 * storage error) is reported and the others go on.
 */
import type { ImapFlow } from 'imapflow';
import type { Runtime } from '../../../runtime.ts';
import { updateMailbox, type MailboxRow } from '../mailboxes.repo.ts';
import type { ScanResult } from '../oauth/scan-messages.ts';
import { MAX_RAW_BYTES, receiveMessage } from '../receive-message.ts';
import { connectImap, type ImapSourceOptions } from './imap-connect.ts';
import { describeError } from './mailbox-credentials.ts';
import { readImapMessages } from './imap-read.ts';

const MAX_PER_SCAN = 500;

export interface Candidate { uid: number; size: number; seen: boolean }

export async function scanImapMailbox(rt: Runtime, mailbox: MailboxRow, o: ImapSourceOptions = {}): Promise<ScanResult> {
  const result: ScanResult = { fetched: 0, stored: 0, duplicates: 0, failed: [] };
  const client = await connectImap(rt, mailbox, o);
  try {
    const folder = await client.mailboxOpen(mailbox.folder);
    if (mailbox.archive_folder) await client.status(mailbox.archive_folder, { messages: true }).catch((err) => {
      throw new Error(`the archive folder "${mailbox.archive_folder}" cannot be used: ${describeError(err)}`);
    });
    const validity = folder.uidValidity.toString();
    const known = mailbox.uid_validity === validity && mailbox.last_uid !== null;
    // Without a valid last UID, everything up to now counts as taken in unless unseen.
    let lastUid = known ? mailbox.last_uid! : await highestUid(client, folder.uidNext);
    const candidates = folder.exists ? await findCandidates(client, known ? mailbox.last_uid! : null, o.maxMessages ?? MAX_PER_SCAN) : [];
    // The saved UID may not pass a seen message that failed: nothing else would fetch it again.
    let ceiling = Infinity;
    const save = async (uid: number) => {
      lastUid = Math.max(lastUid, Math.min(uid, ceiling));
      await updateMailbox(rt.db, mailbox.tenant_id, mailbox.id, { uid_validity: validity, last_uid: lastUid });
    };
    if (!known) await save(lastUid);

    for (const c of candidates.filter((m) => m.size > MAX_RAW_BYTES)) {
      // Permanent: reported on every scan while unseen, but it does not hold back the saved UID.
      result.failed.push({ ref: `uid:${validity}:${c.uid}`, error: `message of ${c.size} bytes is over the ${MAX_RAW_BYTES} byte limit; it is left on the server` });
    }
    for (const batch of batches(candidates.filter((m) => m.size <= MAX_RAW_BYTES))) {
      const done: number[] = [];
      for await (const { uid, raw, error } of readImapMessages(client, batch)) {
        const c = batch.find((b) => b.uid === uid)!;
        try {
          if (error) throw error;
          result.fetched++;
          const r = await receiveMessage(rt, { tenantId: mailbox.tenant_id, mailboxId: mailbox.id, source: 'imap', sourceRef: `uid:${validity}:${uid}`, raw: raw! });
          if (r.duplicate) result.duplicates++;
          else result.stored++;
          done.push(uid);
        } catch (err) {
          result.failed.push({ ref: `uid:${validity}:${uid}`, error: describeError(err) });
          if (c.seen) ceiling = Math.min(ceiling, uid - 1);
        }
      }
      if (done.length) await acknowledge(client, mailbox, done);
      await save(batch[batch.length - 1].uid);
    }
    await client.logout().catch(() => client.close());
    return result;
  } finally {
    client.close();
  }
}

/** The highest UID in the folder now: from UIDNEXT, or by a search where the server sent none. */
async function highestUid(client: ImapFlow, uidNext: number | undefined): Promise<number> {
  if (uidNext) return uidNext - 1;
  const all = (await client.search({ all: true }, { uid: true })) || [];
  return all.reduce((max, uid) => Math.max(max, uid), 0);
}

/** UIDs above the last one taken in, and every unseen one, oldest first, with size and flags. */
async function findCandidates(client: ImapFlow, lastUid: number | null, max: number): Promise<Candidate[]> {
  const uids = new Set<number>((await client.search({ seen: false }, { uid: true })) || []);
  if (lastUid !== null) {
    // "n:*" matches the highest UID even when it is below n, hence the filter.
    for (const uid of (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || []) if (uid > lastUid) uids.add(uid);
  }
  const wanted = [...uids].sort((a, b) => a - b).slice(0, max);
  if (!wanted.length) return [];
  const found: Candidate[] = [];
  for await (const m of client.fetch(wanted, { uid: true, flags: true, size: true }, { uid: true })) {
    found.push({ uid: m.uid, size: m.size ?? 0, seen: m.flags?.has('\\Seen') ?? false });
  }
  return found.sort((a, b) => a.uid - b.uid);
}

/** Groups messages so that one batch holds at most 50 of them and 20 MB (or one larger message). */
function* batches(candidates: Candidate[]): Generator<Candidate[]> {
  let batch: Candidate[] = [];
  let bytes = 0;
  for (const c of candidates) {
    if (batch.length && (batch.length >= 50 || bytes + c.size > 20 * 1024 * 1024)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(c);
    bytes += c.size;
  }
  if (batch.length) yield batch;
}

async function acknowledge(client: ImapFlow, mailbox: MailboxRow, uids: number[]): Promise<void> {
  await client.messageFlagsAdd(uids, ['\\Seen'], { uid: true });
  if (mailbox.archive_folder) {
    const moved = await client.messageMove(uids, mailbox.archive_folder, { uid: true });
    if (!moved) throw new Error(`could not move messages to "${mailbox.archive_folder}"`);
  }
}
