/** What a notification says, in words, by its kind (docs/notifications.md lists the kinds). */
import type { TFunction } from 'i18next';

/**
 * A notification as GET /tickets/api/notifications/ lists it (the route keeps its Zod
 * schema private; these are its fields, see the `Notification` schema of the OpenAPI document).
 */
export interface AppNotification {
  id: string;
  kind: string;
  ticket_id: string | null;
  ticket: { id: string; number: string; subject: string } | null;
  subject: { type: string; id: string; name: string | null };
  actor: { id: string; name: string } | null;
  created_at: string;
  read_at: string | null;
}

export function notificationText(t: TFunction, n: AppNotification): string {
  const values = { number: n.ticket?.number ?? '', subject: n.ticket?.subject ?? '', name: n.subject.name ?? '' };
  switch (n.kind) {
    case 'new_ticket': return t('New ticket {{number}}: {{subject}}', values);
    case 'customer_reply': return t('Customer replied on {{number}}: {{subject}}', values);
    case 'assigned': return t('{{number}} was assigned to you: {{subject}}', values);
    case 'transferred': return t('{{number}} moved to your department: {{subject}}', values);
    case 'mentioned': return t('You were mentioned on {{number}}: {{subject}}', values);
    case 'resolved': return t('{{number}} was resolved: {{subject}}', values);
    case 'mail_waiting': return t('Mail is waiting: no way to send it is set up.');
    case 'mailbox_needs_reauth': return t('The mailbox {{name}} must be connected again.', values);
    case 'webhook_disabled': return t('A webhook was turned off: its receiver failed for a day.');
    case 'sla_alert': return t('SLA alert on {{number}}: {{subject}}', values);
    case 'bad_rating': return t('Bad rating on {{number}}: {{subject}}', values);
    default: return n.ticket ? t('Something changed on {{number}}: {{subject}}', values) : t('Something needs your attention.');
  }
}
