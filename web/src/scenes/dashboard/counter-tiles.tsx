/**
 * The queue as it stands, one tile per count, each a link to the ticket list showing those
 * very tickets (the list's own address filters), in the dashboard's department and agent.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { reportCsvUrl, type Counters } from '../../api/reports.ts';
import { STATUS_LABELS } from '../../components/labels.ts';
import { RequestError } from '../../components/request-error.tsx';
import { filtersQuery } from '../ticket-list/use-list-filters.ts';
import { CsvLink } from './csv-link.tsx';
import { useFigures } from './format.ts';
import type { DashboardScope } from './period.ts';
import { useCounters } from './queries.ts';

/** Tickets still being worked: what "unassigned" and "assigned to me" count. */
const ACTIVE = 'new,open,pending,on_hold';

interface Tile { key: string; label: string; count: (c: Counters) => number; filters: Record<string, string> }

const TILES: Tile[] = [
  ...(['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const).map((status) => ({
    key: status, label: STATUS_LABELS[status], count: (c: Counters) => c.counts[status] ?? 0, filters: { status },
  })),
  { key: 'unassigned', label: 'Unassigned', count: (c) => c.unassigned, filters: { assignee: 'none', status: ACTIVE } },
  { key: 'mine', label: 'Assigned to me', count: (c) => c.mine, filters: { assignee: 'me', status: ACTIVE } },
];

export function CounterTiles({ scope }: { scope: DashboardScope }) {
  const { t } = useTranslation();
  const figures = useFigures();
  const counters = useCounters(scope);
  const narrow = { department: scope.department, assignee: scope.agent };
  return (
    <section className="dashboard-section" aria-labelledby="queue-now">
      <div className="chart-head">
        <h2 id="queue-now">{t('The queue now')}</h2>
        <CsvLink href={reportCsvUrl('counters', scope)} what={t('The queue now')} />
      </div>
      <RequestError error={counters.error} />
      <ul className="tiles">
        {TILES.map((tile) => {
          const filters = { ...narrow, ...tile.filters };
          // "Assigned to me" is mine whoever the agent filter names.
          if (tile.key === 'mine') filters.assignee = 'me';
          return (
            <li key={tile.key}>
              <Link className={`tile tile-${tile.key}`} to={{ pathname: '/', search: filtersQuery(filters) }}>
                <span className="tile-label">{t(tile.label)}</span>{' '}
                <span className="tile-count">{counters.data ? figures.count(tile.count(counters.data)) : '…'}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
