/** The closed sets of values a ticket's fields take (seed 000). */
export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

/** Lowest first; email commands map PRIORITY 0–5 onto this order (seed 001). */
export const PRIORITIES = ['low', 'medium', 'high', 'urgent', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const MESSAGE_TYPES = ['reply', 'note', 'system'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const CHANNELS = ['web', 'email', 'api', 'system'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Statuses in which the ticket is still being worked. */
export const ACTIVE_STATUSES: readonly Status[] = ['new', 'open', 'pending', 'on_hold'];
