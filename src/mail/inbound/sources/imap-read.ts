/**
 * Reads one batch of messages from the selected folder without setting \Seen
 * (BODY.PEEK): small ones in a single FETCH, each large one streamed in partial
 * fetches of 1 MB so no IMAP literal of tens of megabytes is ever buffered. A message
 * gone from the server meanwhile comes back with an error, not as a failed batch.
 */
import type { ImapFlow } from 'imapflow';
import { MAX_RAW_BYTES } from '../receive-message.ts';

const LARGE = 1024 * 1024;

export interface ReadMessage { uid: number; raw?: Buffer; error?: Error }

export async function* readImapMessages(client: ImapFlow, batch: Array<{ uid: number; size: number }>): AsyncGenerator<ReadMessage> {
  const small = batch.filter((m) => m.size <= LARGE).map((m) => m.uid);
  const got = new Map<number, Buffer>();
  // Collected before yielding: no other IMAP command may run while a FETCH streams in.
  if (small.length) {
    for await (const m of client.fetch(small, { uid: true, source: true }, { uid: true })) {
      if (m.source) got.set(m.uid, m.source);
    }
  }
  for (const m of batch) {
    if (m.size > LARGE) {
      try {
        yield { uid: m.uid, raw: await download(client, m.uid) };
      } catch (err) {
        yield { uid: m.uid, error: err instanceof Error ? err : new Error(String(err)) };
      }
    } else {
      const raw = got.get(m.uid);
      yield raw ? { uid: m.uid, raw } : { uid: m.uid, error: new Error('the message is no longer on the server') };
    }
  }
}

async function download(client: ImapFlow, uid: number): Promise<Buffer> {
  const { content } = await client.download(String(uid), undefined, { uid: true, chunkSize: LARGE, maxBytes: MAX_RAW_BYTES + 1 });
  if (!content) throw new Error('the message is no longer on the server');
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
