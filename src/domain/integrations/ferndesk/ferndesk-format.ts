/**
 * The format Ferndesk ingests (seed 004), as the "Test" action checks it: the answer is
 * judged field by field, each problem named by its path (`conversations[0].messages[1].role`),
 * so an admin sees exactly what Ferndesk would refuse.
 */
import { z } from 'zod';

const timestamp = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 timestamp' });
const text = z.string({ message: 'must be a string' }).min(1, 'must not be empty');

export const ferndeskFormat = z.object({
  conversations: z.array(z.object({
    id: text,
    url: z.url({ message: 'must be an absolute URL' }),
    lastMessageAt: timestamp,
    messages: z.array(z.object({
      id: text,
      role: z.enum(['user', 'agent', 'support_agent'], { message: 'must be user, agent or support_agent' }),
      content: z.string({ message: 'must be a string' }),
      createdAt: timestamp,
    }), { message: 'must be an array of messages' }),
  }), { message: 'must be an array of conversations' }),
}, { message: 'must be a JSON object' });

export interface FormatProblem { field: string; message: string }

const pathOf = (path: PropertyKey[]): string => path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '') || '(root)';

/** The problems of a parsed answer (at most `max`); empty when Ferndesk would ingest it. */
export function checkFerndeskFormat(json: unknown, max = 50): FormatProblem[] {
  const result = ferndeskFormat.safeParse(json);
  if (result.success) return [];
  return result.error.issues.slice(0, max).map((i) => ({ field: pathOf(i.path), message: i.message }));
}
