/**
 * What counts as activity on a ticket, for closing inactive tickets: something a person
 * did. A reply or a note from a person counts, whatever its channel; system lines, notes
 * written by Parley (authorless) and the notes the mail pipeline files automatic replies
 * and bounces as do not. Changes count when a person makes them (update-ticket.ts).
 */
import type { NewMessage } from '../tickets/append-message.ts';

/** Whether adding this message is activity on its ticket. */
export function isActivity(m: Pick<NewMessage, 'messageType' | 'authorId' | 'channel'>): boolean {
  if (m.authorId === null || m.messageType === 'system' || m.channel === 'system') return false;
  // The mail pipeline files automatic replies and bounces as notes (steps/persist.ts): an out-of-office is not an answer.
  return !(m.messageType === 'note' && m.channel === 'email');
}
