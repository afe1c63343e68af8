/**
 * What a customer may change on their ticket, once it is resolved: confirm the solution
 * (closed) or reopen it (seed 003), the only changes the API lets a customer make. Staff
 * change the ticket in the side panel (side-panel.tsx).
 */
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../api/types.ts';
import { RequestError } from '../../components/request-error.tsx';
import { useUpdateTicket } from './queries.ts';
import { useConfirmResolution } from '../satisfaction/queries.ts';

export function TicketActions({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.id);
  // Confirming records ticket.resolution_confirmed (docs/satisfaction.md); reopening is a status change.
  const confirm = useConfirmResolution(ticket.id);
  const reopen = () => update.mutate({ body: { status: 'open' }, shown: { status: 'open' } });
  if (ticket.status !== 'resolved') return null;
  return (
    <div className="ticket-actions" role="group" aria-label={t('Is your problem solved?')}>
      <p>{t('Is your problem solved?')}</p>
      <button type="button" className="button primary" disabled={update.isPending || confirm.isPending} onClick={() => confirm.mutate()}>{t('Yes, close the ticket')}</button>
      <button type="button" className="button" disabled={update.isPending || confirm.isPending} onClick={reopen}>{t('No, reopen it')}</button>
      <RequestError error={update.error ?? confirm.error} />
    </div>
  );
}
