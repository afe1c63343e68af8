/**
 * The customer's dashboard (seed 003: customers see a different one): their own tickets
 * that are open, waiting for their answer, and resolved, counted by the list's own count
 * route with the list's filters, each tile leading to that list.
 */
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { RequestError } from '../../components/request-error.tsx';
import type { Count } from '../ticket-list/types.ts';
import { filtersQuery } from '../ticket-list/use-list-filters.ts';
import { useFigures } from './format.ts';

const TILES = [
  { key: 'open', label: 'Open', filters: { requester: 'me', status: 'new,open,on_hold' } },
  { key: 'waiting', label: 'Waiting for you', filters: { requester: 'me', status: 'pending' } },
  { key: 'resolved', label: 'Resolved', filters: { requester: 'me', status: 'resolved' } },
];

export function CustomerDashboard() {
  const { t } = useTranslation();
  const f = useFigures();
  const counts = useQueries({
    queries: TILES.map((tile) => ({
      queryKey: ['tickets', 'counts', 'filter', tile.filters],
      queryFn: () => api<Count>('GET', `/tickets/count/${filtersQuery(tile.filters)}`),
    })),
  });
  return (
    <section className="dashboard-section" aria-labelledby="my-tickets-now">
      <h2 id="my-tickets-now">{t('Your tickets now')}</h2>
      <RequestError error={counts.find((c) => c.error)?.error} />
      <ul className="tiles">
        {TILES.map((tile, i) => {
          const c = counts[i]?.data;
          return (
            <li key={tile.key}>
              <Link className={`tile tile-${tile.key}`} to={{ pathname: '/', search: filtersQuery(tile.filters) }}>
                <span className="tile-label">{t(tile.label)}</span>{' '}
                <span className="tile-count">{c && c.count !== null ? `${f.count(c.count)}${c.more ? '+' : ''}` : '…'}</span>
              </Link>
            </li>
          );
        })}
      </ul>
      <p className="dashboard-links">
        <Link to={{ pathname: '/', search: filtersQuery({ requester: 'me' }) }}>{t('All my tickets')}</Link>
        {' · '}
        <Link to="/new/">{t('Open a new ticket')}</Link>
      </p>
    </section>
  );
}
