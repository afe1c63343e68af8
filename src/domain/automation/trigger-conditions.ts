/**
 * The conditions of a trigger on the ticket as it is when the trigger fires: each given list
 * must hold the ticket's value (tags: the ticket has at least one of them); an absent or
 * empty list is no condition.
 */
import { z } from 'zod';
import { CHANNELS, PRIORITIES } from '../tickets/ticket-values.ts';
import type { AutomationTicket } from './action-type.ts';

export const triggerConditions = z.object({
  department_ids: z.array(z.number().int().positive()).max(100).optional(),
  priorities: z.array(z.enum(PRIORITIES)).optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional().describe('the ticket has at least one of these tags'),
  channels: z.array(z.enum(CHANNELS)).optional(),
  organisation_ids: z.array(z.string().uuid()).max(100).optional().describe("the requester's organisation"),
}).strict();
export type TriggerConditions = z.infer<typeof triggerConditions>;

const holds = <T>(list: readonly T[] | undefined, test: (wanted: T) => boolean) => !list?.length || list.some(test);

export function conditionsMatch(c: TriggerConditions, t: AutomationTicket): boolean {
  const tags = t.tags.map((x) => x.toLowerCase());
  return holds(c.department_ids, (d) => d === t.department_id)
    && holds(c.priorities, (p) => p === t.priority)
    && holds(c.tags, (tag) => tags.includes(tag.toLowerCase()))
    && holds(c.channels, (ch) => ch === t.channel)
    && holds(c.organisation_ids, (o) => o === t.requester.organisation_id);
}
