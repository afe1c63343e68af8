/** Who asked: the requester's name, address and organisation, and their other tickets linked. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Ticket } from '../../api/types.ts';
import { StatusBadge } from '../../components/badge.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { useOrganisation, useRequesterTickets } from './side-panel-queries.ts';

export function SidePanelRequester({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const requester = ticket.requester;
  const organisation = useOrganisation(ticket.organisation);
  const tickets = useRequesterTickets(requester?.id);
  const others = (tickets.data?.results ?? []).filter((x) => x.id !== ticket.id).slice(0, 5);

  return (
    <section className="side-panel-section" aria-labelledby="side-panel-requester-title">
      <h2 id="side-panel-requester-title">{t('Requester')}</h2>
      {!requester ? <p className="side-panel-empty">{t('No requester')}</p> : (
        <>
          <p className="side-panel-person">
            <strong>{requester.name}</strong>
            <a href={`mailto:${requester.email}`}>{requester.email}</a>
            {ticket.organisation && <span>{organisation.data?.name ?? t('Loading…')}</span>}
          </p>
          <h3 id="side-panel-other-tickets">{t('Other tickets')}</h3>
          {tickets.isError ? <RequestError error={tickets.error} /> : tickets.isPending ? <p role="status">{t('Loading…')}</p>
            : others.length === 0 ? <p className="side-panel-empty">{t('No other tickets')}</p> : (
              <ul className="side-panel-tickets" aria-labelledby="side-panel-other-tickets">
                {others.map((o) => (
                  <li key={o.id}>
                    <Link to={`/${o.id}/`}>{o.subject}</Link>
                    <span className="side-panel-ticket-meta">{o.number} <StatusBadge status={o.status} /></span>
                  </li>
                ))}
              </ul>
            )}
        </>
      )}
    </section>
  );
}
