/** The dashboard at /tickets/: "My tickets" for a customer, the team's queue for staff. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RequestError } from '../../components/request-error.tsx';
import { isStaff, useMe } from '../../hooks/use-session.ts';
import { useTitle } from '../../hooks/use-title.ts';
import { useTicketList } from './queries.ts';
import { TicketFilters } from './ticket-filters.tsx';
import { TicketTable } from './ticket-table.tsx';
import { useListFilters } from './use-list-filters.ts';

export function TicketListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const staff = isStaff(me);
  useTitle(staff ? t('Tickets') : t('My tickets'));
  const { filters, setFilter } = useListFilters();
  const list = useTicketList(filters);
  const tickets = list.data?.pages.flatMap((p) => p.results) ?? [];

  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title">{staff ? t('Tickets') : t('My tickets')}</h1>
      <TicketFilters filters={filters} setFilter={setFilter} staff={staff} />
      {list.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={list.error} />
      {list.isSuccess && tickets.length === 0 && (
        <p className="empty">{t('No tickets match.')} {!staff && <Link to="/new/">{t('Open a new ticket')}</Link>}</p>
      )}
      {tickets.length > 0 && <TicketTable tickets={tickets} staff={staff} />}
      {list.hasNextPage && (
        <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('Show more')}
        </button>
      )}
    </section>
  );
}
