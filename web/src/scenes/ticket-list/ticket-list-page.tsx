/**
 * The dashboard at /tickets/: "My tickets" for a customer (and their organisation's, when
 * the tenant allows it), the team's queue for staff: views with live counts, every filter
 * in the address, search words marked, keyboard navigation, selection and bulk changes.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RequestError } from '../../components/request-error.tsx';
import { isStaff, useMe } from '../../hooks/use-session.ts';
import { useTitle } from '../../hooks/use-title.ts';
import { searchWords } from './highlight.ts';
import { useCountsFollowLists, useFilterCount, useTicketList } from './queries.ts';
import { TicketFilters } from './ticket-filters.tsx';
import { TicketTable } from './ticket-table.tsx';
import { useListFilters } from './use-list-filters.ts';
import { useListKeyboard } from './use-list-keyboard.ts';
import { ViewsNav } from './views-nav.tsx';
import './ticket-list.css';

/** Staff only: customers never download the bulk tools. */
const BulkBar = lazy(async () => ({ default: (await import('./bulk-bar.tsx')).BulkBar }));

export function TicketListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const staff = isStaff(me);
  useTitle(staff ? t('Tickets') : t('My tickets'));
  const { filters, setFilter } = useListFilters();
  const list = useTicketList(filters);
  useCountsFollowLists();
  const tickets = list.data?.pages.flatMap((p) => p.results) ?? [];
  const table = useRef<HTMLTableElement>(null);
  const search = useRef<HTMLInputElement>(null);

  // The selection belongs to the filters shown: other filters, another selection.
  const filterKey = JSON.stringify(filters);
  const [selection, setSelection] = useState<{ key: string; ids: Set<string>; allMatching: boolean }>({ key: filterKey, ids: new Set(), allMatching: false });
  const current = selection.key === filterKey ? selection : { key: filterKey, ids: new Set<string>(), allMatching: false };
  const toggle = (id: string) => {
    const ids = new Set(current.ids);
    if (ids.has(id)) ids.delete(id); else ids.add(id);
    setSelection({ key: filterKey, ids, allMatching: false });
  };
  const togglePage = (all: boolean) => setSelection({ key: filterKey, ids: all ? new Set(tickets.map((tk) => tk.id)) : new Set(), allMatching: false });
  const clear = () => setSelection({ key: filterKey, ids: new Set(), allMatching: false });
  const cursor = useListKeyboard({ tickets, table, search, onToggle: staff ? toggle : null });

  const pageSelected = tickets.length > 0 && tickets.every((tk) => current.ids.has(tk.id));
  const matching = useFilterCount(filters, staff && pageSelected && !!list.hasNextPage);
  const matchCount = matching.data;
  const active = current.allMatching || current.ids.size > 0;
  const howMany = current.allMatching && matchCount ? `${matchCount.count ?? 0}${matchCount.more ? '+' : ''}` : String(current.ids.size);

  return (
    <section aria-labelledby="list-title" className="ticket-list-page">
      <h1 id="list-title">{staff ? t('Tickets') : t('My tickets')}</h1>
      <div className="ticket-list-layout">
        <ViewsNav filters={filters} staff={staff} />
        <div className="ticket-list-main">
          <TicketFilters filters={filters} setFilter={setFilter} staff={staff} searchRef={search} />
          {staff && (
            <Suspense fallback={null}>
              <BulkBar ids={current.allMatching ? null : [...current.ids]} filters={filters} howMany={howMany} meId={me.id} active={active}
                onClear={clear} onDone={clear} />
            </Suspense>
          )}
          {staff && pageSelected && list.hasNextPage && !current.allMatching && matchCount && (
            <p className="select-matching">
              <button type="button" className="link-button" onClick={() => setSelection({ key: filterKey, ids: current.ids, allMatching: true })}>
                {t('Select all {{n}} matching', { n: `${matchCount.count ?? 0}${matchCount.more ? '+' : ''}` })}
              </button>
            </p>
          )}
          {list.isPending && <p role="status">{t('Loading…')}</p>}
          <RequestError error={list.error} />
          {list.isSuccess && tickets.length === 0 && (
            <p className="empty">{t('No tickets match.')} {!staff && <Link to="/new/">{t('Open a new ticket')}</Link>}</p>
          )}
          {tickets.length > 0 && (
            <TicketTable tickets={tickets} staff={staff} words={searchWords(filters.search)} cursor={cursor}
              selected={current.ids} onToggle={toggle} onTogglePage={togglePage} tableRef={table} />
          )}
          {list.hasNextPage && (
            <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t('Show more')}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}

