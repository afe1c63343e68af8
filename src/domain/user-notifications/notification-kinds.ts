/**
 * The kinds of in-app notification (docs/notifications.md). The kinds about a ticket are
 * named after the mail template that carries them by mail (src/mail/outbound/notifications/
 * templates), so one decision yields both. The kinds about the install's mail come in-app
 * only: they say that mail cannot go out, or cannot come in, so a mail would not help.
 */
export const MAILED_KINDS = ['new_ticket', 'customer_reply', 'assigned', 'transferred', 'mentioned', 'resolved'] as const;

/**
 * In-app only, to the tenant's admins: mail waits for a transport; a mailbox must be connected again; a webhook was turned off after failing for a day.
 * `sla_alert` (docs/sla.md) goes to the assignee or the department; its mail (templates sla_warning, sla_breached) always goes too.
 * `bad_rating` (docs/satisfaction.md) goes to the assignee at the resolution; its mail (template rated_bad) too.
 */
export const IN_APP_ONLY_KINDS = ['mail_waiting', 'mailbox_needs_reauth', 'webhook_disabled', 'sla_alert', 'bad_rating'] as const;

export const NOTIFICATION_KINDS = [...MAILED_KINDS, ...IN_APP_ONLY_KINDS] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** A kind a person may also get by mail (and so may choose in their preferences). */
export type MailedKind = (typeof MAILED_KINDS)[number];

/** Whether a template key (or any string) is a notification kind. */
export const isNotificationKind = (key: string): key is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(key);

/** Whether a kind can also come by mail. */
export const isMailedKind = (key: string): key is MailedKind => (MAILED_KINDS as readonly string[]).includes(key);

/** Which kinds also come by mail, per kind that can. */
export type MailPreferences = Record<MailedKind, boolean>;

/** Everything by mail: the behaviour before preferences existed, and what a person who never chose gets. */
export const DEFAULT_MAIL_PREFERENCES: Readonly<MailPreferences> = Object.freeze(
  Object.fromEntries(MAILED_KINDS.map((k) => [k, true])) as MailPreferences,
);

/** A stored preferences object (JSON, possibly from an older version) read over the defaults; other keys are ignored. */
export function readMailPreferences(json: string | null | undefined): MailPreferences {
  const out: MailPreferences = { ...DEFAULT_MAIL_PREFERENCES };
  if (!json) return out;
  try {
    const stored: unknown = JSON.parse(json);
    if (stored && typeof stored === 'object') {
      for (const [k, v] of Object.entries(stored)) if (isMailedKind(k) && typeof v === 'boolean') out[k] = v;
    }
  } catch { /* a damaged row reads as the defaults */ }
  return out;
}
