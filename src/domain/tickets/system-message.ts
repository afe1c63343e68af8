import { actorId, type Ctx } from '../shared/context.ts';
import { appendMessage, type NewMessage } from './append-message.ts';

/** A line in the thread that records a change (status, assignment, transfer), as the seed's thread shows them. */
export async function addSystemMessage(tx: Ctx, ticketId: string, text: string): Promise<void> {
  await appendMessage(tx, ticketId, systemLine(tx, text));
}

/** The message of such a line, by whoever acts in `tx` (bulk changes write many at once). */
export function systemLine(tx: Ctx, text: string): NewMessage {
  return { messageType: 'system', body: text, authorId: actorId(tx.actor), channel: 'system' };
}
