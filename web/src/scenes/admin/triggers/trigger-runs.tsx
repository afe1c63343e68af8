/** A trigger's run log, newest first, a page at a time: when, which ticket, what each action did. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useFormat } from '../../../hooks/use-format.ts';
import { ACTION_LABELS, RUN_STATUS_LABELS, triggersKey, type TriggerRun } from './trigger-types.ts';

interface Page { results: TriggerRun[]; next_cursor: string | null }

export function TriggerRuns({ triggerId }: { triggerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const runs = useInfiniteQuery({
    queryKey: [...triggersKey, triggerId, 'runs'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<Page>('GET', `/triggers/${triggerId}/runs/?limit=25${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.next_cursor,
  });
  const rows = runs.data?.pages.flatMap((p) => p.results) ?? [];
  return (
    <section aria-labelledby="trigger-runs-title" className="trigger-runs">
      <h3 id="trigger-runs-title">{t('Run log')}</h3>
      <button type="button" className="button" onClick={() => void runs.refetch()}>{t('Refresh')}</button>
      {runs.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={runs.error} />
      {runs.data && rows.length === 0 && <p className="empty">{t('It has not run yet.')}</p>}
      {rows.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead><tr><th scope="col">{t('When')}</th><th scope="col">{t('Ticket')}</th><th scope="col">{t('Event')}</th><th scope="col">{t('Result')}</th><th scope="col">{t('Actions')}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{format.date(r.started_at)}</td>
                  <td>{r.ticket_id ? <Link to={`/${r.ticket_id}/`}>{t('Open the ticket')}</Link> : '—'}</td>
                  <td><code>{r.event}</code></td>
                  <td className={`trigger-run-${r.status}`}>{t(RUN_STATUS_LABELS[r.status])}{r.error && <div className="admin-muted">{r.error}</div>}</td>
                  <td>
                    <ul className="trigger-run-results">
                      {r.results.map((a, i) => (
                        <li key={i}>{ACTION_LABELS[a.type] ? t(ACTION_LABELS[a.type]) : a.type}: {a.ok ? (a.detail ?? t('Done')) : a.error}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {runs.hasNextPage && <button type="button" className="button" disabled={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()}>{t('Older runs')}</button>}
    </section>
  );
}
