/**
 * Every per-tenant setting, typed, with its default and a line for the admin screen.
 * Seed 002 names most of them; later features give each its behaviour. An unknown key
 * or a value of the wrong shape is refused with a field error.
 */
import { ASSIGNMENT_MODES } from '../assignment/assignment-modes.ts';
import { z } from 'zod';

const hours = z.number().positive().max(24 * 365);
const slaTarget = z.object({ first_response_hours: hours, resolution_hours: hours });

export const DEFAULT_MIME_TYPES = [
  'image/png', 'image/jpeg', 'image/gif', 'image/webp',
  'application/pdf', 'text/plain', 'text/csv', 'text/x-log',
  'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip', 'application/x-tar', 'application/gzip', 'application/x-gzip', 'application/x-compressed-tar',
  'message/rfc822',
];

export const settingsRegistry = {
  load_full_timeline: { schema: z.boolean(), default: false, description: 'Load the whole ticket timeline at once instead of in pages.' },
  timeline_items_per_page: { schema: z.number().int().min(1).max(500), default: 100, description: 'Timeline page size when load_full_timeline is true.' },
  allowed_mime_types: { schema: z.array(z.string().regex(/^[\w.+-]+\/[\w.+*-]+$/, 'must be a MIME type like image/png')).max(200), default: DEFAULT_MIME_TYPES, description: 'Attachment types that may be uploaded or downloaded.' },
  max_file_size: { schema: z.number().int().min(1024).max(1024 ** 3), default: 10 * 1024 * 1024, description: 'Largest attachment in bytes.' },
  outgoing_mails_per_department: {
    schema: z.object({ default: z.enum(['receiving_email', 'logged_in_user']), departments: z.record(z.string(), z.enum(['receiving_email', 'logged_in_user'])) }),
    default: { default: 'receiving_email', departments: {} },
    description: 'Which address outgoing mail uses, by default and per department slug.',
  },
  department_notifications: {
    schema: z.object({
      default: z.object({ send_confirmation: z.boolean(), notify_agents_on_new_ticket: z.boolean() }),
      departments: z.record(z.string(), z.object({ send_confirmation: z.boolean().optional(), notify_agents_on_new_ticket: z.boolean().optional() })),
    }),
    default: { default: { send_confirmation: true, notify_agents_on_new_ticket: true }, departments: {} },
    description: 'New-ticket mail, by default and per department slug: send_confirmation (to the requester), notify_agents_on_new_ticket (to the assignee or the department).',
  },
  mail_scan_frequency: { schema: z.number().int().min(1).max(1440), default: 1, description: 'Minutes between two scans of a mailbox.' },
  mail_send_threshold: { schema: z.number().int().min(1).max(1000), default: 5, description: 'Most mails sent to one address per 5 minutes (loop guard).' },
  mail_forwarding_domains: { schema: z.array(z.string().min(1)).max(500), default: [] as string[], description: 'Domains whose forwarded mail opens tickets for the original sender.' },
  response_to_closed_ticket_action: { schema: z.enum(['reopen_old_ticket', 'create_new_ticket']), default: 'reopen_old_ticket', description: 'What a reply to a closed ticket does.' },
  close_inactive_tickets: { schema: z.boolean(), default: false, description: 'Close tickets after close_ticket_after_days without activity.' },
  close_ticket_after_days: { schema: z.number().int().min(1).max(3650), default: 14, description: 'Days of inactivity before a ticket is closed.' },
  send_ticket_close_reminder: { schema: z.boolean(), default: false, description: 'Fire a reminder trigger before an inactive ticket is closed.' },
  reminder_before_ticket_close_days: { schema: z.number().int().min(1).max(3650), default: 2, description: 'Days before closing that the reminder fires.' },
  inactive_ticket_statuses: {
    // Not new (nobody has looked at it yet) and not closed: a ticket nobody answered must never close by itself.
    schema: z.array(z.enum(['open', 'pending', 'on_hold', 'resolved'])).max(4),
    default: ['pending', 'resolved'] as Array<'open' | 'pending' | 'on_hold' | 'resolved'>,
    description: 'Statuses in which an inactive ticket is reminded and closed (default: waiting on the customer).',
  },
  ticket_number_format: { schema: z.string().regex(/\{N+\}/, 'must contain {NNNN} (one N per digit)').max(40), default: 'TK-{NNNNNN}', description: 'Ticket number format: {YYYY} year, {N…} zero-padded sequence.' },
  mask_email_addresses: { schema: z.boolean(), default: false, description: 'Replace addresses in mail bodies with xxxx@xxxx.xxx.' },
  allow_customer_registration: { schema: z.boolean(), default: false, description: 'Let customers create their own account on the portal.' },
  customers_see_organisation_tickets: { schema: z.boolean(), default: false, description: "Let customers see their organisation's tickets." },
  // Kept under its first name for the API; each department then has its own mode (docs/assignment.md).
  assignment_strategy: { schema: z.enum(ASSIGNMENT_MODES), default: 'manual', description: 'The assignment mode a new department starts with.' },
  resolutions: { schema: z.array(z.string().min(1).max(60)).max(50), default: ['fixed', 'invalid', 'duplicate', 'wont_fix', 'works_for_me'], description: 'Names a ticket resolution may take.' },
  categories: { schema: z.array(z.string().min(1).max(60)).max(200), default: ['technical', 'question', 'billing'], description: 'Categories a ticket may have (empty: any).' },
  sla_targets: {
    schema: z.object({ critical: slaTarget, urgent: slaTarget, high: slaTarget, medium: slaTarget, low: slaTarget }),
    default: {
      critical: { first_response_hours: 1, resolution_hours: 4 },
      urgent: { first_response_hours: 2, resolution_hours: 8 },
      high: { first_response_hours: 4, resolution_hours: 24 },
      medium: { first_response_hours: 8, resolution_hours: 48 },
      low: { first_response_hours: 24, resolution_hours: 72 },
    },
    description: 'First response and resolution targets per priority.',
  },
  // Resolution and satisfaction (docs/satisfaction.md).
  satisfaction_survey: { schema: z.boolean(), default: false, description: 'Ask the requester to rate the help when a ticket is resolved.' },
  satisfaction_scale: { schema: z.enum(['five', 'binary']), default: 'five', description: 'Survey scale: five (1 to 5) or binary (good or bad).' },
  satisfaction_survey_off_departments: { schema: z.array(z.string().min(1).max(100)).max(500), default: [] as string[], description: 'Department slugs whose resolved tickets get no survey.' },
  resolution_link_days: { schema: z.number().int().min(1).max(90), default: 14, description: 'Days the confirm, reopen and rating links of a resolution mail work.' },
  notify_on_bad_rating: { schema: z.boolean(), default: true, description: 'Tell the assignee (in-app and by mail) when a resolution is rated badly.' },
  // Reports (docs/reports.md): the time zone of report periods, and the summary mailed to chosen admins.
  report_time_zone: { schema: z.string().min(1).max(64).refine((tz) => { try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; } }, 'must be an IANA time zone like Europe/Madrid'), default: 'UTC', description: 'Time zone of report periods (days, weeks, months) and of the scheduled summary.' },
  report_schedule: { schema: z.enum(['off', 'daily', 'weekly']), default: 'off', description: 'Mail a summary report every day or every Monday (the previous day or week) to report_recipients.' },
  report_recipients: { schema: z.array(z.string().email()).max(50), default: [] as string[], description: 'Addresses of the admins who receive the scheduled summary report.' },
  email_command_trusted_authserv_ids: { schema: z.array(z.string().min(1)).max(20), default: [] as string[], description: 'Authentication-Results authserv-ids trusted for DMARC checks on email commands.' },
} as const;

export type SettingKey = keyof typeof settingsRegistry;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingsRegistry)[K]['schema']>;
export type TenantSettings = { [K in SettingKey]: SettingValue<K> };

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(settingsRegistry, key);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Computed once and frozen: settings are read on most requests and never changed in place. */
const DEFAULTS: TenantSettings = deepFreeze(
  Object.fromEntries(Object.entries(settingsRegistry).map(([key, def]) => [key, structuredClone(def.default)])) as TenantSettings,
);

export function defaultSettings(): Readonly<TenantSettings> {
  return DEFAULTS;
}
