import { z } from 'zod';
import { PRIORITIES, STATUSES } from '../../tickets/ticket-values.ts';
import { defineActionType } from '../action-type.ts';

/** Sets one field through updateTicket, so every rule of a person's change applies (transitions, checks, events). */
export const changeFieldAction = defineActionType({
  type: 'change_field',
  inTransaction: true,
  label: 'Change a field',
  config: z.discriminatedUnion('field', [
    z.object({ field: z.literal('status'), value: z.enum(STATUSES) }),
    z.object({ field: z.literal('priority'), value: z.enum(PRIORITIES) }),
    z.object({ field: z.literal('department'), value: z.number().int().positive() }),
    z.object({ field: z.literal('assignee'), value: z.string().uuid().nullable() }),
    z.object({ field: z.literal('category'), value: z.string().trim().min(1).max(100).nullable() }),
  ]),
  async run({ ops }, c) {
    if (c.field === 'status') await ops.update({ status: c.value });
    else if (c.field === 'priority') await ops.update({ priority: c.value });
    else if (c.field === 'department') await ops.update({ departmentId: c.value });
    else if (c.field === 'assignee') await ops.update({ assigneeId: c.value });
    else await ops.update({ category: c.value });
    return `${c.field} set to ${c.value ?? 'nothing'}`;
  },
});
