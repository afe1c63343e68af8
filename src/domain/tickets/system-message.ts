import { actorId, type Ctx } from '../shared/context.ts';
import { appendMessage } from './append-message.ts';

/** A line in the thread that records a change (status, assignment, transfer), as the seed's thread shows them. */
export async function addSystemMessage(tx: Ctx, ticketId: string, text: string): Promise<void> {
  await appendMessage(tx, ticketId, { messageType: 'system', body: text, authorId: actorId(tx.actor), channel: 'system' });
}
