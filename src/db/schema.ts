/**
 * Row types of every table, as Kysely sees them. Timestamps are ISO strings on both
 * engines; booleans come back as 0/1 from SQLite, hence `Bool` (read with Boolean()).
 */
import type { ColumnType, Generated } from 'kysely';

export type Bool = ColumnType<boolean | number, boolean, boolean>;
/** A boolean column with a default: optional on insert. */
export type DefaultBool = ColumnType<boolean | number, boolean | undefined, boolean>;
type Timestamp = string;

export interface TenantsTable { id: string; slug: string; name: string; language: string; created_at: Generated<Timestamp> }
export interface TenantDomainsTable { domain: string; tenant_id: string }
export interface TenantCountersTable { tenant_id: string; name: string; value: number }
export interface SettingsTable { tenant_id: string; key: string; value: string; updated_at: Timestamp }

export interface OrganisationsTable { id: string; tenant_id: string; name: string; created_at: Timestamp; updated_at: Timestamp }
export interface OrganisationDomainsTable { tenant_id: string; domain: string; organisation_id: string }

export type Role = 'admin' | 'agent' | 'customer';
export interface UsersTable {
  id: string; tenant_id: string; email: string; name: string; role: Role;
  password_hash: string | null;
  can_access_ticketing: DefaultBool;
  restricted_to_departments: DefaultBool;
  is_active: DefaultBool;
  organisation_id: string | null;
  language: string | null;
  token_version: Generated<number>;
  created_at: Timestamp; updated_at: Timestamp;
  /** Migration 021: skipped by automatic assignment. */
  is_away: DefaultBool;
}

export interface DepartmentsTable {
  tenant_id: string; id: number; name: string; slug: string;
  default_owner_id: string | null;
  default_status: Generated<string>;
  default_priority: Generated<string>;
  auto_create_customers: DefaultBool;
  is_active: DefaultBool;
  created_at: Timestamp; updated_at: Timestamp;
  /** Migration 021: automatic assignment (`manual`, `round_robin`, `least_loaded`) and its round-robin cursor. */
  assignment_mode: Generated<string>;
  last_assignee_id: string | null;
  assignment_turns: Generated<number>;
}
export interface DepartmentAddressesTable { tenant_id: string; address: string; department_id: number }
export interface DepartmentMembersTable { tenant_id: string; department_id: number; user_id: string }

export interface TicketsTable {
  id: string; tenant_id: string; number: string; subject: string;
  status: string; priority: string; department_id: number;
  requester_id: string; assignee_id: string | null; organisation_id: string | null;
  category: string | null; resolution: string | null; channel: string;
  created_at: Timestamp; updated_at: Timestamp;
  first_response_at: Timestamp | null; resolved_at: Timestamp | null; closed_at: Timestamp | null;
  /** Migration 020, SLA (docs/sla.md): due times (null while a clock does not run), breaches, the pauses the clocks are computed from. */
  first_response_due_at: Timestamp | null; resolution_due_at: Timestamp | null;
  first_response_breached_at: Timestamp | null; resolution_breached_at: Timestamp | null;
  sla_due_at: Timestamp | null; sla_next_check_at: Timestamp | null; sla_pauses: string | null;
  /** Migration 023 (inactivity): a person's last activity on the ticket, and the close reminder of its current idle period. */
  last_activity_at: Timestamp | null; inactivity_reminded_at: Timestamp | null;
}
export interface TicketRecipientsTable { tenant_id: string; ticket_id: string; address: string }
export interface TagsTable { tenant_id: string; id: number; name: string; slug: string; created_at: Timestamp }
export interface TicketTagsTable { tenant_id: string; ticket_id: string; tag_id: number }

export interface MessagesTable {
  id: string; tenant_id: string; ticket_id: string;
  message_type: string; channel: string; author_id: string | null;
  body: string; body_html: string | null; quoted_text: string | null;
  email_message_id: string | null; email_in_reply_to: string | null;
  email_references: string | null; email_headers: string | null;
  time_spent: number | null; created_at: Timestamp;
}
export interface AttachmentsTable {
  id: string; tenant_id: string; ticket_id: string; message_id: string;
  filename: string; content_type: string; size: number; sha256: string;
  inline: DefaultBool; content_id: string | null; created_at: Timestamp;
}

export interface EventsTable {
  id: Generated<number>; tenant_id: string; name: string; subject_type: string; subject_id: string;
  actor_id: string | null; source: string; request_id: string | null; payload: string; created_at: Timestamp;
  /** Migration 022: the triggers whose actions led to this event (JSON array of ids), null otherwise. */
  trigger_chain: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface JobsTable {
  id: Generated<number>; tenant_id: string | null; name: string; payload: string;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>; max_attempts: Generated<number>;
  run_at: Timestamp; locked_by: string | null; locked_until: Timestamp | null;
  last_error: string | null; unique_key: string | null;
  created_at: Timestamp; updated_at: Timestamp;
}

export interface ApiTokensTable {
  id: string; tenant_id: string; user_id: string; name: string; token_hash: string; prefix: string;
  scopes: string; last_used_at: Timestamp | null; expires_at: Timestamp | null; revoked_at: Timestamp | null;
  created_at: Timestamp;
}
export interface SessionsTable { id_hash: string; tenant_id: string; user_id: string; csrf_token: string; expires_at: Timestamp; created_at: Timestamp }
export interface PasswordResetsTable { token_hash: string; tenant_id: string; user_id: string; expires_at: Timestamp; used_at: Timestamp | null; created_at: Timestamp }
export interface TokenFamiliesTable {
  tenant_id: string; id: string; user_id: string; created_at: Timestamp; last_used_at: Timestamp; expires_at: Timestamp;
  revoked_at: Timestamp | null; revoked_reason: string | null;
}
export interface RefreshTokensTable { tenant_id: string; jti_hash: string; family_id: string; expires_at: Timestamp; used_at: Timestamp | null; created_at: Timestamp }
/** Shared rate-limit counters; reset_at and expires_at are epoch milliseconds. */
export interface RateLimitsTable { key: string; hits: number; delay_ms: Generated<number>; reset_at: number; expires_at: number; last_refused: Generated<number> }
export interface IdempotencyKeysTable {
  tenant_id: string; actor_key: string; key: string; request_hash: string;
  status_code: number | null; response_body: string | null; created_at: Timestamp;
}
/** PostgreSQL's search table; SQLite uses search_docs + an FTS5 table (raw SQL in search.repo.ts). */
export interface SearchIndexTable { tenant_id: string; ticket_id: string; source_id: string; document: unknown; /** staff-only text (notes) */ internal: DefaultBool }
export interface SearchDocsTable { id: Generated<number>; tenant_id: string; ticket_id: string; source_id: string; /** staff-only text (notes) */ internal: DefaultBool }

export interface MailboxesTable {
  id: string; tenant_id: string; name: string;
  /** imap | pop3 | graph | gmail */
  kind: string;
  host: string | null; port: number | null;
  /** tls | starttls | none */
  security: Generated<string>;
  /** password | xoauth2 | oauthbearer */
  auth: Generated<string>;
  username: string | null;
  secret_enc: string | null;
  /** microsoft | google | null */
  oauth_provider: string | null;
  /** JSON: client id, tenant, endpoints (the secret is in secret_enc). */
  oauth_config: string | null;
  oauth_refresh_enc: string | null;
  oauth_access_enc: string | null;
  oauth_expires_at: Timestamp | null;
  folder: Generated<string>;
  archive_folder: string | null;
  department_id: number | null;
  is_active: DefaultBool;
  /** ok | needs_reauth | error */
  state: Generated<string>;
  last_error: string | null;
  last_scan_at: Timestamp | null;
  last_success_at: Timestamp | null;
  uid_validity: string | null;
  last_uid: number | null;
  created_at: Timestamp; updated_at: Timestamp;
}
export interface InboundMessagesTable {
  id: string; tenant_id: string;
  /** The mailbox id, or the direct source (lmtp, mailgate): dedupe is per mailbox. */
  mailbox_key: string;
  mailbox_id: string | null;
  source: string;
  source_ref: string | null;
  /** The Message-ID, or sha256:<hash of the raw bytes> when there is none (see also content_digest). */
  dedupe_key: string;
  /** JSON: SMTP envelope (mail from, recipients) when known. */
  envelope: string | null;
  size: number;
  /** received | processed | rejected | dropped | ignored | quarantined | discarded */
  status: string;
  reason: string | null;
  ticket_id: string | null;
  message_id: string | null;
  subject: string | null;
  from_address: string | null;
  received_at: Timestamp;
  processed_at: Timestamp | null;
  /** sha256 of sender, date, subject and normalized body, for mail without a Message-ID (dedupe). */
  content_digest: string | null;
  /** The admin who had this message made a ticket despite the automatic-mail verdict. */
  accepted_by: string | null;
  /** Migration 011: JSON decision trace of the last processing (src/mail/inbound/trace.ts); null until processed. */
  trace: Generated<string | null>;
}
export interface InboundRawTable { inbound_id: string; tenant_id: string; raw: Buffer }

export type OutboundMailStatus = 'queued' | 'held' | 'sent' | 'failed' | 'cancelled';
export interface OutboundMailsTable {
  tenant_id: string; id: string; ticket_id: string | null; message_id: string | null;
  kind: string; from_address: string; reply_to: string | null;
  /** JSON arrays of addresses. */
  to_addresses: string; cc_addresses: string;
  subject: string; body_text: string; body_html: string | null;
  /** Ours, `<…@…>`; `email_references` is a JSON array of Message-IDs. */
  email_message_id: string; in_reply_to: string | null; email_references: string;
  automatic: Bool; status: OutboundMailStatus; reason: string | null; last_error: string | null;
  attempts: Generated<number>; dispatches: Generated<number>; threshold_waived: DefaultBool;
  send_at: Timestamp; last_attempt_at: Timestamp | null; sent_at: Timestamp | null;
  created_at: Timestamp; updated_at: Timestamp;
  /** Migration 010: unique per tenant; what makes two queue attempts the same mail. */
  dedupe_key: string | null;
}
export interface OutboundMailRecipientsTable { tenant_id: string; outbound_id: string; address: string; counted_at: Timestamp | null }
/** A tenant's own version of one notification template in one language (no row: the built-in one). */
export interface MailTemplatesTable {
  tenant_id: string; template_key: string; language: string;
  subject: string; body_text: string; body_html: string;
  updated_by: string | null; created_at: Timestamp; updated_at: Timestamp;
}
/** How a tenant (department_id 0) or a department sends mail; see migration 008. */
export interface OutgoingTransportsTable {
  tenant_id: string; department_id: number;
  /** smtp | mailbox */
  kind: string;
  host: string | null; port: number | null;
  /** tls | starttls | none */
  security: string | null;
  username: string | null; password_enc: string | null;
  mailbox_id: string | null;
  /** smtp | api (Graph sendMail, Gmail send), for kind mailbox */
  via: string | null;
  version: number;
  created_at: Timestamp; updated_at: Timestamp;
}
export interface OutgoingDkimTable {
  tenant_id: string; domain: string; selector: string; private_key_enc: string; public_key: string;
  created_at: Timestamp; updated_at: Timestamp;
}
export interface OutgoingMailNoticesTable { tenant_id: string; waiting_since: Timestamp; notified_at: Timestamp }

/** Migration 010: a reply that waits for its send_at, hidden from the customer until published. */
export interface ScheduledRepliesTable {
  tenant_id: string; message_id: string; ticket_id: string; author_id: string;
  send_at: Timestamp; published_at: Timestamp | null; cancelled_at: Timestamp | null; cancel_reason: string | null;
  created_at: Timestamp; updated_at: Timestamp;
}

/** Migration 009: one in-app notification of one person, from one event. */
export interface NotificationsTable {
  tenant_id: string; id: string; user_id: string; kind: string;
  /** Set only when the subject is a ticket (subject_type 'ticket'): the list applies the ticket's visibility. */
  ticket_id: string | null; subject_type: string; subject_id: string; actor_id: string | null;
  event_id: number; created_at: Timestamp; read_at: Timestamp | null;
}
/** Migration 009: which kinds of notification also come by mail (JSON object kind → boolean; absent: yes). */
export interface NotificationPreferencesTable { tenant_id: string; user_id: string; email: string; updated_at: Timestamp }
/** Migration 009: a staff member an internal note mentions (@name). */
export interface MessageMentionsTable { tenant_id: string; message_id: string; user_id: string }
/** Migration 013: a canned reply; owner_id null = shared (admins manage it), department_id null = every department. */
export interface CannedRepliesTable {
  tenant_id: string; id: string; owner_id: string | null; department_id: number | null; name: string; shortcut: string | null;
  body: string; body_html: string | null; created_by: string | null; created_at: Timestamp; updated_at: Timestamp;
}
/** Migration 014: who of the staff is viewing or replying on a ticket now (a row counts until expires_at). */
export interface TicketPresenceTable { tenant_id: string; ticket_id: string; user_id: string; state: 'viewing' | 'replying'; updated_at: Timestamp; expires_at: Timestamp }

/** Migration 012: a person's saved view of the ticket list (filters: JSON of the list's query parameters). */
export interface SavedViewsTable {
  tenant_id: string; id: string; user_id: string; name: string; filters: string; position: number;
  created_at: Timestamp; updated_at: Timestamp;
}

/** Migration 019: a tenant's webhook; `events` is a JSON array of event names; secrets sealed (SecretBox). */
export interface WebhooksTable {
  tenant_id: string; id: string; url: string; description: string | null; events: string; format: 'standard' | 'slack';
  secret: string; previous_secret: string | null; previous_secret_until: Timestamp | null;
  is_active: DefaultBool; disabled_reason: string | null; created_by: string | null; created_at: Timestamp; updated_at: Timestamp;
}
/** Migration 019: one message to a webhook (the outbox and its delivery log). */
export interface WebhookDeliveriesTable {
  tenant_id: string; id: string; webhook_id: string; message_id: string; event_id: number | null; event_name: string;
  dedupe_key: string | null; body: string | null; status: 'pending' | 'delivered' | 'failed' | 'cancelled'; attempts: number;
  next_attempt_at: Timestamp; claimed_by: string | null; lease_until: Timestamp | null; last_status_code: number | null;
  last_duration_ms: number | null; last_error: string | null; response_excerpt: string | null; created_at: Timestamp; finished_at: Timestamp | null;
}
/** Migration 022: an automation rule (docs/automation.md); options, conditions and actions are JSON. */
export interface TriggersTable {
  tenant_id: string; id: string; name: string; type: string; options: string; conditions: string; actions: string;
  is_active: Bool; position: number; created_by: string | null; created_at: Timestamp; updated_at: Timestamp;
}
/** Migration 022: one run of a trigger for one event (unique per trigger and event). */
export interface TriggerRunsTable {
  tenant_id: string; id: string; trigger_id: string; ticket_id: string | null; event_id: number; event_name: string;
  status: 'running' | 'ok' | 'failed' | 'partial' | 'skipped'; results: string; error: string | null; chain_depth: number;
  started_at: Timestamp; duration_ms: number | null;
}
/** Migration 020: SLA policies (docs/sla.md); JSON in targets, business_hours, pause_statuses. */
export interface SlaPoliciesTable {
  tenant_id: string; id: string; name: string; scope_key: string; department_id: number | null; organisation_id: string | null;
  targets: string; business_hours: string | null; time_zone: string; pause_statuses: string; near_breach: number;
  created_at: Timestamp; updated_at: Timestamp;
}
/** Migration 020: each SLA alert raised, once per ticket, target, kind and due time. */
export interface SlaAlertsTable { tenant_id: string; ticket_id: string; target: string; kind: string; due_at: Timestamp; created_at: Timestamp }

/** Migration 025: one satisfaction rating per rated resolution (issue 12). */
export interface SatisfactionRatingsTable {
  tenant_id: string; id: string; ticket_id: string; resolved_at: Timestamp; requester_id: string | null; agent_id: string | null;
  department_id: number; scale: 'five' | 'binary'; rating: number; positive: Bool; comment: string | null;
  source: 'mail' | 'portal' | 'api'; created_at: Timestamp; updated_at: Timestamp;
}

/** Migration 029: one backup of the whole installation (not tenant-owned), scheduled (with its slot) or manual. */
export interface BackupRunsTable {
  id: string; slot: string | null; trigger: 'scheduled' | 'manual'; status: 'running' | 'succeeded' | 'failed';
  location: string | null; error: string | null; started_at: Timestamp; finished_at: Timestamp | null;
}

/** Migration 026: a tenant's Ferndesk custom support endpoint (docs/ferndesk.md); the token only as its SHA-256, null when disabled. */
export interface FerndeskIntegrationsTable {
  tenant_id: string; token_hash: string | null; role_name: 'agent' | 'support_agent'; enabled_at: Timestamp | null; rotated_at: Timestamp | null;
  created_by: string | null; created_at: Timestamp; updated_at: Timestamp;
}

/** Migration 028: maintained ticket counts per department, assignee ('' = none), status and shard (docs/reports.md). */
export interface TicketCountersTable { tenant_id: string; department_id: number; assignee_id: string; status: string; shard: number; count: number }

/** Migration 027: the link token mailed with a resolution (only its hash), for confirm, reopen and rate (docs/satisfaction.md). */
export interface ResolutionLinksTable { tenant_id: string; token_hash: string; ticket_id: string; resolved_at: Timestamp; survey_scale: 'five' | 'binary' | null; expires_at: Timestamp; created_at: Timestamp }

/** Migration 030: the reports' daily rollup, kept by triggers on tickets (docs/reports.md). JSON columns: text on SQLite, jsonb on PostgreSQL. */
export interface ReportDaysTable {
  tenant_id: string; day: string; department_id: number; assignee_id: string; shard: number;
  created: number; solved: number; breached: number; fr_n: unknown; fr_s: unknown; res_n: unknown; res_s: unknown;
}
export interface ReportMonthsTable { tenant_id: string; month: string; department_id: number; assignee_id: string; shard: number; fr_n: unknown; fr_s: unknown; res_n: unknown; res_s: unknown }
export interface ReportDayDimsTable { tenant_id: string; day: string; department_id: number; assignee_id: string; shard: number; dim: string; value: string; count: number }
export interface ReportDayOffsetsTable { tenant_id: string; starts_at: Timestamp; offset_minutes: number }
export interface ReportDayZonesTable { tenant_id: string; time_zone: string }

export interface Database {
  report_days: ReportDaysTable;
  report_day_dims: ReportDayDimsTable;
  report_months: ReportMonthsTable;
  report_day_offsets: ReportDayOffsetsTable;
  report_day_zones: ReportDayZonesTable;
  resolution_links: ResolutionLinksTable;
  ticket_counters: TicketCountersTable;
  ferndesk_integrations: FerndeskIntegrationsTable;
  backup_runs: BackupRunsTable;
  satisfaction_ratings: SatisfactionRatingsTable;
  sla_policies: SlaPoliciesTable;
  sla_alerts: SlaAlertsTable;
  tenants: TenantsTable;
  tenant_domains: TenantDomainsTable;
  tenant_counters: TenantCountersTable;
  settings: SettingsTable;
  organisations: OrganisationsTable;
  organisation_domains: OrganisationDomainsTable;
  users: UsersTable;
  departments: DepartmentsTable;
  department_addresses: DepartmentAddressesTable;
  department_members: DepartmentMembersTable;
  tickets: TicketsTable;
  ticket_recipients: TicketRecipientsTable;
  tags: TagsTable;
  ticket_tags: TicketTagsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  events: EventsTable;
  jobs: JobsTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  token_families: TokenFamiliesTable;
  refresh_tokens: RefreshTokensTable;
  rate_limits: RateLimitsTable;
  idempotency_keys: IdempotencyKeysTable;
  search_index: SearchIndexTable;
  search_docs: SearchDocsTable;
  mailboxes: MailboxesTable;
  inbound_messages: InboundMessagesTable;
  inbound_raw: InboundRawTable;
  outbound_mails: OutboundMailsTable;
  outbound_mail_recipients: OutboundMailRecipientsTable;
  mail_templates: MailTemplatesTable;
  outgoing_transports: OutgoingTransportsTable;
  outgoing_dkim: OutgoingDkimTable;
  outgoing_mail_notices: OutgoingMailNoticesTable;
  scheduled_replies: ScheduledRepliesTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  message_mentions: MessageMentionsTable;
  canned_replies: CannedRepliesTable;
  ticket_presence: TicketPresenceTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  triggers: TriggersTable;
  trigger_runs: TriggerRunsTable;
  saved_views: SavedViewsTable;
}
