/**
 * What a person may change on the ticket from its page. Staff: status, priority, and
 * taking it. A customer, on a resolved ticket: confirm the solution (closed) or reopen
 * it (seed 003), the only changes the API lets a customer make.
 */
import { useTranslation } from 'react-i18next';
import type { Me, Ticket } from '../../api/types.ts';
import { Field } from '../../components/field.tsx';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../components/labels.ts';
import { RequestError } from '../../components/request-error.tsx';
import { isStaff } from '../../hooks/use-session.ts';
import { useUpdateTicket } from './queries.ts';

export function TicketActions({ ticket, me }: { ticket: Ticket; me: Me }) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.id);
  const set = (patch: Pick<Partial<Ticket>, 'status' | 'priority'>) => update.mutate({ body: patch, shown: patch });

  if (!isStaff(me)) {
    if (ticket.status !== 'resolved') return null;
    return (
      <div className="ticket-actions" role="group" aria-label={t('Is your problem solved?')}>
        <p>{t('Is your problem solved?')}</p>
        <button type="button" className="button primary" disabled={update.isPending} onClick={() => set({ status: 'closed' })}>{t('Yes, close the ticket')}</button>
        <button type="button" className="button" disabled={update.isPending} onClick={() => set({ status: 'open' })}>{t('No, reopen it')}</button>
        <RequestError error={update.error} />
      </div>
    );
  }
  return (
    <div className="ticket-actions">
      <Field id="ticket-status" label={t('Status')}>
        <select value={ticket.status} disabled={update.isPending} onChange={(e) => set({ status: e.target.value as Ticket['status'] })}>
          {Object.entries(STATUS_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
        </select>
      </Field>
      <Field id="ticket-priority" label={t('Priority')}>
        <select value={ticket.priority} disabled={update.isPending} onChange={(e) => set({ priority: e.target.value as Ticket['priority'] })}>
          {Object.entries(PRIORITY_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
        </select>
      </Field>
      {ticket.assignee?.id !== me.id && (
        <button type="button" className="button" disabled={update.isPending}
          onClick={() => update.mutate({ body: { assignee: me.id }, shown: { assignee: { id: me.id, name: me.name, email: me.email, role: me.role } } })}>
          {t('Assign to me')}
        </button>
      )}
      <RequestError error={update.error} />
    </div>
  );
}
