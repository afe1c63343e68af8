/**
 * The audit log's events in words (translation keys), by their catalog name
 * (src/domain/events/catalog.ts). An event not listed (added later, or of an older version)
 * shows its name.
 */
import type { EventName } from '../../../../../src/domain/events/catalog.ts';

export const EVENT_LABELS: Partial<Record<EventName, string>> = {
  'ticket.created': 'Ticket opened',
  'ticket.status_changed': 'Status changed',
  'ticket.priority_changed': 'Priority changed',
  'ticket.assigned': 'Ticket assigned',
  'ticket.department_changed': 'Ticket transferred',
  'ticket.subject_changed': 'Subject changed',
  'ticket.category_changed': 'Category changed',
  'ticket.resolution_changed': 'Resolution changed',
  'ticket.tags_changed': 'Tags changed',
  'ticket.recipients_changed': 'Recipients changed',
  'message.created': 'Reply added',
  'note.created': 'Internal note added',
  'message.delivery_failed': 'Mail not delivered',
  'user.created': 'Account created',
  'user.updated': 'Account changed',
  'user.password_changed': 'Password changed',
  'user.password_reset_requested': 'Password reset asked',
  'auth.refresh_token_reused': 'Stolen sign-in token refused',
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
  'organisation.created': 'Organisation created',
  'organisation.updated': 'Organisation changed',
  'department.created': 'Department created',
  'department.updated': 'Department changed',
  'settings.updated': 'Settings changed',
  'mail_template.saved': 'Mail template saved',
  'mail_template.reset': 'Mail template reset',
  'tag.deleted': 'Tag deleted',
  'mailbox.created': 'Mailbox added',
  'mailbox.updated': 'Mailbox changed',
  'mailbox.deleted': 'Mailbox removed',
  'mailbox.scanned': 'Mailbox scanned',
  'mailbox.needs_reauth': 'Mailbox needs re-authorization',
  'outbound_mail.retried': 'Outgoing mail retried',
  'outbound_mail.cancelled': 'Outgoing mail cancelled',
  'inbound.reprocessed': 'Received mail reprocessed',
  'inbound.discarded': 'Received mail discarded',
  'job.retried': 'Background job retried',
};

export const eventLabel = (name: string): string | undefined => (EVENT_LABELS as Record<string, string | undefined>)[name];

/** Where the event came from (events.source). */
export const SOURCE_LABELS: Record<string, string> = { web: 'the web app', api: 'the API', email: 'mail', job: 'a background job', cli: 'the command line', system: 'Parley itself' };
