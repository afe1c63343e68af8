/**
 * What a customer may change on their ticket, once it is resolved: confirm the solution
 * (closed) or reopen it (seed 003), the only changes the API lets a customer make. Staff
 * change the ticket in the side panel (side-panel.tsx).
 */
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../api/types.ts';
import { RequestError } from '../../components/request-error.tsx';
import { useUpdateTicket } from './queries.ts';

export function TicketActions({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.id);
  const set = (status: 'open' | 'closed') => update.mutate({ body: { status }, shown: { status } });
  if (ticket.status !== 'resolved') return null;
  return (
    <div className="ticket-actions" role="group" aria-label={t('Is your problem solved?')}>
      <p>{t('Is your problem solved?')}</p>
      <button type="button" className="button primary" disabled={update.isPending} onClick={() => set('closed')}>{t('Yes, close the ticket')}</button>
      <button type="button" className="button" disabled={update.isPending} onClick={() => set('open')}>{t('No, reopen it')}</button>
      <RequestError error={update.error} />
    </div>
  );
}
