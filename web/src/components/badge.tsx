/** A ticket's status or priority as a small coloured label (colour is never the only cue: the text says it). */
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../api/types.ts';
import { PRIORITY_LABELS, STATUS_LABELS } from './labels.ts';

export function StatusBadge({ status }: { status: Ticket['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(STATUS_LABELS[status])}</span>;
}

export function PriorityBadge({ priority }: { priority: Ticket['priority'] }) {
  const { t } = useTranslation();
  return <span className={`badge priority-${priority}`}>{t(PRIORITY_LABELS[priority])}</span>;
}
