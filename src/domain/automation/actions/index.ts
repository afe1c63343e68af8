/** The action types Parley ships with; plugins add theirs (load-action-plugins.ts). */
import type { ActionType } from '../action-type.ts';
import { addNoteAction } from './add-note.ts';
import { assignAction } from './assign.ts';
import { callWebhookAction } from './call-webhook.ts';
import { changeFieldAction } from './change-field.ts';
import { sendEmailAction } from './send-email.ts';
import { addTagAction, removeTagAction } from './tag-actions.ts';

export const builtInActions: readonly ActionType[] = [
  sendEmailAction, changeFieldAction, addTagAction, removeTagAction, assignAction, addNoteAction, callWebhookAction,
];
