import { z } from 'zod';
import { unknownVariables } from '../../canned-replies/canned-reply-variables.ts';
import { defineActionType } from '../action-type.ts';

/** An internal note (staff only) in the ticket's thread, with `{{variables}}`. */
export const addNoteAction = defineActionType({
  type: 'add_note',
  inTransaction: true,
  label: 'Add an internal note',
  config: z.object({
    body: z.string().trim().min(1).max(20_000).refine((s) => unknownVariables(s).length === 0, { message: 'unknown variable' }),
  }),
  async run({ ops }, c) {
    await ops.addNote(await ops.fill(c.body));
    return 'note added';
  },
});
