/**
 * Every setting of the registry (src/domain/settings/registry.ts) as the admin screen shows
 * it: its section, its control, its label and its explanation, in English (translation keys).
 * The server's descriptions are English only; this table is what every language translates.
 * Typed by SettingKey: a setting added to the registry fails the typecheck until it is here.
 */
import { STATUS_LABELS } from '../../../components/labels.ts';
import type { SettingKey } from '../people-shared/types.ts';

export const SECTIONS = {
  tickets: 'Tickets',
  portal: 'Customer portal',
  mail: 'Mail',
  attachments: 'Attachments',
  inactivity: 'Inactive tickets',
  sla: 'Service levels (SLA)',
  satisfaction: 'Resolution and satisfaction',
  reports: 'Reports',
} as const;
export type SectionId = keyof typeof SECTIONS;

export type Control =
  | { kind: 'switch' }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'megabytes' }
  | { kind: 'select'; options: Record<string, string> }
  | { kind: 'list'; example: string }
  /** Some of a closed set of values (checkboxes), saved in the options' order. */
  | { kind: 'choices'; options: Record<string, string> }
  | { kind: 'text' }
  | { kind: 'outgoing-map' }
  | { kind: 'notifications-map' }
  | { kind: 'sla' };

export interface SettingText { section: SectionId; control: Control; label: string; description: string }

export const SETTING_TEXTS: Record<SettingKey, SettingText> = {
  ticket_number_format: {
    section: 'tickets', control: { kind: 'text' }, label: 'Ticket number format',
    description: 'How ticket numbers look: {YYYY} is the year, {NNNNNN} the sequence padded with zeros (one N per digit), e.g. TK-{NNNNNN}.',
  },
  assignment_strategy: {
    section: 'tickets', control: { kind: 'select', options: { manual: 'By hand', round_robin: 'Round robin', least_loaded: 'Least loaded' } }, label: 'Assignment mode of new departments',
    description: 'The mode a new department starts with; each department then has its own (Departments): by hand, in turn among its agents (round robin), or to the agent with the fewest open tickets (least loaded).',
  },
  categories: {
    section: 'tickets', control: { kind: 'list', example: 'billing' }, label: 'Categories',
    description: 'The categories a ticket may have. Empty: any category may be typed.',
  },
  resolutions: {
    section: 'tickets', control: { kind: 'list', example: 'fixed' }, label: 'Resolutions',
    description: "The names a ticket's resolution may take when it is resolved.",
  },
  response_to_closed_ticket_action: {
    section: 'tickets', control: { kind: 'select', options: { reopen_old_ticket: 'Reopen the ticket', create_new_ticket: 'Open a new ticket' } },
    label: 'Reply to a closed ticket', description: 'What happens when someone writes to a ticket that is closed: it reopens, or a new ticket is opened.',
  },
  load_full_timeline: {
    section: 'tickets', control: { kind: 'switch' }, label: 'Load the whole timeline',
    description: "Show a ticket's whole history at once instead of page by page.",
  },
  timeline_items_per_page: {
    section: 'tickets', control: { kind: 'number', min: 1, max: 500 }, label: 'Timeline page size (entries)',
    description: 'How many entries one page of the ticket timeline holds when the whole timeline is not loaded at once.',
  },
  allow_customer_registration: {
    section: 'portal', control: { kind: 'switch' }, label: 'Customers may register',
    description: 'Let customers create their own account on the portal.',
  },
  customers_see_organisation_tickets: {
    section: 'portal', control: { kind: 'switch' }, label: "Customers see their organisation's tickets",
    description: 'Let customers see the tickets of everyone in their organisation, not only their own.',
  },
  mail_scan_frequency: {
    section: 'mail', control: { kind: 'number', min: 1, max: 1440 }, label: 'Mailbox scan frequency (minutes)',
    description: 'Minutes between two scans of each mailbox.',
  },
  mail_send_threshold: {
    section: 'mail', control: { kind: 'number', min: 1, max: 1000 }, label: 'Sending limit per address (mails per 5 minutes)',
    description: 'The most mails sent to one address in 5 minutes; more are held back. It stops mail loops.',
  },
  mail_forwarding_domains: {
    section: 'mail', control: { kind: 'list', example: 'example.com' }, label: 'Forwarding domains',
    description: 'Mail forwarded from these domains opens the ticket for the original sender, not for whoever forwarded it.',
  },
  mask_email_addresses: {
    section: 'mail', control: { kind: 'switch' }, label: 'Mask email addresses',
    description: 'Replace the email addresses in mail bodies with xxxx@xxxx.xxx.',
  },
  outgoing_mails_per_department: {
    section: 'mail', control: { kind: 'outgoing-map' }, label: 'Sender of outgoing mail',
    description: "Which address outgoing mail is sent from: the address the ticket came in on, or the agent's own. Set it by default and per department.",
  },
  department_notifications: {
    section: 'mail', control: { kind: 'notifications-map' }, label: 'New-ticket mail',
    description: "Whether a new ticket mails a confirmation to the requester, and whether it tells the assignee or the department's agents. Set it by default and per department.",
  },
  email_command_trusted_authserv_ids: {
    section: 'mail', control: { kind: 'list', example: 'mx.example.com' }, label: 'Trusted authentication servers',
    description: "The authserv-ids of Authentication-Results headers trusted for the DMARC check of email commands: an agent's commands by mail are obeyed only when one of them says the mail passed.",
  },
  allowed_mime_types: {
    section: 'attachments', control: { kind: 'list', example: 'image/png' }, label: 'Allowed file types',
    description: 'The MIME types of attachments that may be uploaded or downloaded, like image/png or application/pdf.',
  },
  max_file_size: {
    section: 'attachments', control: { kind: 'megabytes' }, label: 'Largest attachment (MB)',
    description: 'The largest file that may be attached, in megabytes.',
  },
  close_inactive_tickets: {
    section: 'inactivity', control: { kind: 'switch' }, label: 'Close inactive tickets',
    description: 'Close tickets that had no activity for the number of days below.',
  },
  close_ticket_after_days: {
    section: 'inactivity', control: { kind: 'number', min: 1, max: 3650 }, label: 'Close after (days)',
    description: 'Days without activity before a ticket is closed.',
  },
  send_ticket_close_reminder: {
    section: 'inactivity', control: { kind: 'switch' }, label: 'Remind before closing',
    description: 'Mail the requester a reminder, and fire the reminder trigger, before an inactive ticket is closed (the days below). A ticket is never closed sooner than those days after its reminder. Reminders go out only while closing is on.',
  },
  reminder_before_ticket_close_days: {
    section: 'inactivity', control: { kind: 'number', min: 1, max: 3650 }, label: 'Reminder (days before closing)',
    description: 'How many days before closing the reminder fires.',
  },
  inactive_ticket_statuses: {
    section: 'inactivity',
    control: { kind: 'choices', options: { open: STATUS_LABELS.open, pending: STATUS_LABELS.pending, on_hold: STATUS_LABELS.on_hold, resolved: STATUS_LABELS.resolved } },
    label: 'Statuses to remind and close',
    description: 'Only tickets in these statuses are reminded and closed when nobody acts on them. By default the tickets waiting on the customer (pending and resolved): a ticket nobody answered is better left open. New tickets are never closed this way.',
  },
  satisfaction_survey: {
    section: 'satisfaction', control: { kind: 'switch' }, label: 'Satisfaction survey',
    description: 'When a ticket is resolved, the mail to the requester also asks them to rate the help, with one-click links; they may also rate it in the portal.',
  },
  satisfaction_scale: {
    section: 'satisfaction', control: { kind: 'select', options: { five: 'From 1 to 5', binary: 'Good or bad' } }, label: 'Rating scale',
    description: 'How the requester rates: a number from 1 to 5, or good or bad.',
  },
  satisfaction_survey_off_departments: {
    section: 'satisfaction', control: { kind: 'list', example: 'billing' }, label: 'No survey in these departments',
    description: 'The slugs of the departments whose resolved tickets get no survey.',
  },
  resolution_link_days: {
    section: 'satisfaction', control: { kind: 'number', min: 1, max: 90 }, label: 'Links work for (days)',
    description: 'How long the confirm, reopen and rating links of a resolution mail work.',
  },
  notify_on_bad_rating: {
    section: 'satisfaction', control: { kind: 'switch' }, label: 'Tell the assignee of a bad rating',
    description: 'The agent the ticket was assigned to when it was resolved is told, in the app and by mail.',
  },
  report_time_zone: {
    section: 'reports', control: { kind: 'text' }, label: 'Time zone of reports',
    description: 'Where report days, weeks and months begin and end, and when the summary mail is sent: an IANA name such as Europe/Madrid.',
  },
  report_schedule: {
    section: 'reports', control: { kind: 'select', options: { off: 'Off', daily: 'Every day (the day before)', weekly: 'Every Monday (the week before)' } }, label: 'Summary mail',
    description: 'Mails a summary of the figures of the dashboard to the recipients below.',
  },
  report_recipients: {
    section: 'reports', control: { kind: 'list', example: 'boss@example.com' }, label: 'Summary mail recipients',
    description: 'The addresses of the admins who get the summary mail.',
  },
  sla_targets: {
    section: 'sla', control: { kind: 'sla' }, label: 'Targets per priority',
    description: 'How soon a ticket of each priority must get its first response and be resolved, in hours, around the clock. Used while no default SLA policy is saved (SLA policies).',
  },
};

/** The settings of one section, in the table's order. */
export const settingsOf = (section: SectionId): SettingKey[] =>
  (Object.keys(SETTING_TEXTS) as SettingKey[]).filter((key) => SETTING_TEXTS[key].section === section);
