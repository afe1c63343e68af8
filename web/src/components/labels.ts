/**
 * The English text (the translation key) of each closed value the API uses. Literal
 * strings here so a key check finds them in the translation files.
 */
import type { Ticket } from '../api/types.ts';

export const STATUS_LABELS: Record<Ticket['status'], string> = {
  new: 'New', open: 'Open', pending: 'Pending customer', on_hold: 'On hold', resolved: 'Resolved', closed: 'Closed',
};

export const PRIORITY_LABELS: Record<Ticket['priority'], string> = {
  low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent', critical: 'Critical',
};
