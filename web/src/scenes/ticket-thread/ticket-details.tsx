/** The ticket's facts beside its thread: staff get the side panel that changes them; customers read them. */
import { useTranslation } from 'react-i18next';
import type { Me, Ticket } from '../../api/types.ts';
import { isStaff } from '../../hooks/use-session.ts';
import { PriorityBadge, StatusBadge } from '../../components/badge.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { SidePanel } from './side-panel.tsx';
import { TicketActions } from './ticket-actions.tsx';
import { PortalRating } from '../satisfaction/portal-rating.tsx';

export function TicketDetails({ ticket, me }: { ticket: Ticket; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (isStaff(me)) {
    return <aside className="ticket-details" aria-label={t('Ticket details')}><SidePanel ticket={ticket} me={me} /></aside>;
  }
  return (
    <aside className="ticket-details" aria-label={t('Ticket details')}>
      <TicketActions ticket={ticket} />
      <dl>
        <dt>{t('Status')}</dt><dd><StatusBadge status={ticket.status} /></dd>
        <dt>{t('Priority')}</dt><dd><PriorityBadge priority={ticket.priority} /></dd>
        <dt>{t('Department')}</dt><dd>{ticket.department.name}</dd>
        <dt>{t('Assignee')}</dt><dd>{ticket.assignee?.name ?? t('Unassigned')}</dd>
        <dt>{t('Opened')}</dt><dd><time dateTime={ticket.created_at}>{format.date(ticket.created_at)}</time></dd>
      </dl>
      <PortalRating ticketId={ticket.id} status={ticket.status} />
    </aside>
  );
}
