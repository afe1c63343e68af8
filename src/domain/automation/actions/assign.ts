import { z } from 'zod';
import { defineActionType } from '../action-type.ts';

/** Assigns the ticket to an agent (an active agent or admin: updateTicket checks), or unassigns it. */
export const assignAction = defineActionType({
  type: 'assign',
  inTransaction: true,
  label: 'Assign to an agent',
  config: z.object({ assignee_id: z.string().uuid().nullable().describe('null unassigns') }),
  async run({ ops }, c) {
    await ops.update({ assigneeId: c.assignee_id });
    return c.assignee_id ? `assigned to ${c.assignee_id}` : 'unassigned';
  },
});
