/** The tickets as a table: customers see theirs, staff also see who asked and who works on it. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Ticket } from '../../api/types.ts';
import { PriorityBadge, StatusBadge } from '../../components/badge.tsx';
import { useFormat } from '../../hooks/use-format.ts';

export function TicketTable({ tickets, staff }: { tickets: Ticket[]; staff: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <table className="tickets">
      <thead>
        <tr>
          <th scope="col">{t('Number')}</th>
          <th scope="col">{t('Subject')}</th>
          <th scope="col">{t('Status')}</th>
          <th scope="col">{t('Priority')}</th>
          <th scope="col">{t('Department')}</th>
          {staff && <th scope="col">{t('Requester')}</th>}
          {staff && <th scope="col">{t('Assignee')}</th>}
          <th scope="col">{t('Updated')}</th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((ticket) => (
          <tr key={ticket.id}>
            <td>{ticket.number}</td>
            <td><Link to={`/${ticket.id}/`}>{ticket.subject}</Link></td>
            <td><StatusBadge status={ticket.status} /></td>
            <td><PriorityBadge priority={ticket.priority} /></td>
            <td>{ticket.department.name}</td>
            {staff && <td>{ticket.requester?.name ?? '—'}</td>}
            {staff && <td>{ticket.assignee?.name ?? t('Unassigned')}</td>}
            <td><time dateTime={ticket.updated_at}>{format.date(ticket.updated_at)}</time></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
