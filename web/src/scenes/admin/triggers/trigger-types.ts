/** The triggers API's shapes, from the server's schemas (type-only), and the words for its values (English keys). */
import type { z } from 'zod';
import type { actionTypeSchema, createTriggerBody, triggerRunSchema, triggerSchema } from '../../../../../src/http/schemas/triggers.schema.ts';

export type Trigger = z.output<typeof triggerSchema>;
export type TriggerInput = z.input<typeof createTriggerBody>;
export type TriggerRun = z.output<typeof triggerRunSchema>;
export type ActionTypeInfo = z.output<typeof actionTypeSchema>;
export type TriggerType = TriggerInput['type'];
export interface ActionDraft { type: string; config: Record<string, unknown> }

export const TRIGGER_TYPE_LABELS: Record<TriggerType, string> = {
  TICKET_FIELD_CHANGE: 'A field of a ticket changes',
  NEW_TICKET_CREATED: 'A ticket is created',
  CLOSE_TICKET: 'An inactive ticket is closed',
  CLOSE_TICKET_REMINDER: 'An inactive ticket is about to be closed',
  SLA_WARNING: 'An SLA target is about to be missed',
  SLA_BREACHED: 'An SLA target is missed',
};

export const FIELD_LABELS: Record<string, string> = {
  status: 'Status', priority: 'Priority', department: 'Department', assignee: 'Assignee',
  category: 'Category', subject: 'Subject', tags: 'Tags', resolution: 'How it was resolved',
};

export const ORIGIN_LABELS: Record<string, string> = {
  both: 'Opened by anyone', internal: 'Opened by staff (internal)', external: 'Opened by a customer (external)',
};

export const TARGET_LABELS: Record<string, string> = { first_response: 'The first response', resolution: 'The resolution' };

export const CHANNEL_LABELS: Record<string, string> = { web: 'Web', email: 'Email', api: 'API', system: 'Parley' };

/** Built-in action types and their settings; a plugin's come with its own English label. */
export const ACTION_LABELS: Record<string, string> = {
  send_email: 'Send an email', change_field: 'Change a field', add_tag: 'Add tags', remove_tag: 'Remove tags',
  assign: 'Assign to an agent', add_note: 'Add an internal note', call_webhook: 'Call a webhook',
};

export const SETTING_LABELS: Record<string, string> = {
  to: 'Send to', address: 'Address', subject: 'Subject', body: 'Text', tags: 'Tags', assignee_id: 'Agent',
  url: 'URL', field: 'Field', value: 'Value',
};

export const RECIPIENT_LABELS: Record<string, string> = { requester: 'The requester', assignee: 'The assignee', address: 'An address' };

export const RUN_STATUS_LABELS: Record<TriggerRun['status'], string> = {
  running: 'Running', ok: 'Done', failed: 'Failed', partial: 'Partly done', skipped: 'Not run',
};

export const triggersKey = ['admin', 'triggers'] as const;
export const actionTypesKey = ['admin', 'trigger-action-types'] as const;
