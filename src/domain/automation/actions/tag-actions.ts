import { z } from 'zod';
import { defineActionType } from '../action-type.ts';

const tags = z.array(z.string().trim().min(1).max(50)).min(1).max(20);

/** Adds tags (created when new) to the ticket. */
export const addTagAction = defineActionType({
  type: 'add_tag',
  inTransaction: true,
  label: 'Add tags',
  config: z.object({ tags }),
  async run({ ops }, c) {
    await ops.addTags(c.tags);
    return `added ${c.tags.join(', ')}`;
  },
});

/** Takes tags off the ticket (a tag it does not have is no error). */
export const removeTagAction = defineActionType({
  type: 'remove_tag',
  inTransaction: true,
  label: 'Remove tags',
  config: z.object({ tags }),
  async run({ ops }, c) {
    await ops.removeTags(c.tags);
    return `removed ${c.tags.join(', ')}`;
  },
});
