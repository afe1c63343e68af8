/** The ticket's facts beside its thread, under what the person may change. */
import { useTranslation } from 'react-i18next';
import type { Me, Ticket } from '../../api/types.ts';
import { isStaff } from '../../hooks/use-session.ts';
import { PriorityBadge, StatusBadge } from '../../components/badge.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { TicketActions } from './ticket-actions.tsx';

export function TicketDetails({ ticket, me }: { ticket: Ticket; me: Me }) {
  const { t } = useTranslation();
  const staff = isStaff(me);
  const format = useFormat();
  return (
    <aside className="ticket-details" aria-label={t('Ticket details')}>
      <TicketActions ticket={ticket} me={me} />
      <dl>
        {!staff && <><dt>{t('Status')}</dt><dd><StatusBadge status={ticket.status} /></dd></>}
        {!staff && <><dt>{t('Priority')}</dt><dd><PriorityBadge priority={ticket.priority} /></dd></>}
        <dt>{t('Department')}</dt><dd>{ticket.department.name}</dd>
        {staff && <><dt>{t('Requester')}</dt><dd>{ticket.requester ? `${ticket.requester.name} <${ticket.requester.email}>` : '—'}</dd></>}
        <dt>{t('Assignee')}</dt><dd>{ticket.assignee?.name ?? t('Unassigned')}</dd>
        <dt>{t('Opened')}</dt><dd><time dateTime={ticket.created_at}>{format.date(ticket.created_at)}</time></dd>
      </dl>
    </aside>
  );
}
