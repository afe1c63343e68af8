/** The English text (translation key) of each state of a received message, and what it means. */
import type { InboundStatus } from '../mail-shared/types.ts';

export const INBOUND_STATUS_LABELS: Record<InboundStatus, string> = {
  quarantined: 'Quarantined', rejected: 'Rejected', ignored: 'Ignored (automatic mail)', dropped: 'Dropped',
  received: 'Waiting to be processed', processed: 'Processed', discarded: 'Discarded',
};

/** The states in the filter's order: what needs an admin first. */
export const INBOUND_FILTER_ORDER: InboundStatus[] = ['quarantined', 'rejected', 'ignored', 'dropped', 'received', 'processed', 'discarded'];

export const REPROCESSABLE: InboundStatus[] = ['quarantined', 'rejected', 'dropped', 'ignored'];
export const ACCEPTABLE: InboundStatus[] = ['ignored', 'dropped'];
