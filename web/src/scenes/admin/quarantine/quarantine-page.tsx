/**
 * /tickets/admin/quarantine/: received mail, the quarantined first. Each message can be
 * opened for why it went where it went (the pipeline's decision trace), run through the
 * pipeline again, discarded, or downloaded as it arrived.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useSearchParams } from 'react-router';
import { api, queryString } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useFormat } from '../../../hooks/use-format.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import type { InboundCounts, InboundStatus, InboundSummary, Page } from '../mail-shared/types.ts';
import { INBOUND_FILTER_ORDER, INBOUND_STATUS_LABELS } from './inbound-labels.ts';
import { InboundDetail } from './inbound-detail.tsx';
import '../mail-shared/admin-mail.css';

export const inboundKey = ['admin', 'inbound'] as const;

export function QuarantinePage() {
  return (
    <Routes>
      <Route index element={<InboundList />} />
      <Route path=":id" element={<InboundDetail />} />
    </Routes>
  );
}

function InboundList() {
  const { t } = useTranslation();
  const { date } = useFormat();
  useTitle(t('Received mail'));
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'quarantined') as InboundStatus | 'all';
  const counts = useQuery({ queryKey: [...inboundKey, 'counts'], queryFn: () => api<InboundCounts>('GET', '/inbound-messages/counts/') });
  const list = useInfiniteQuery({
    queryKey: [...inboundKey, 'list', status],
    queryFn: ({ pageParam }) => api<Page<InboundSummary>>('GET', `/inbound-messages/${queryString({ status: status === 'all' ? undefined : status, cursor: pageParam, limit: '50' })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.results) ?? [];
  const countOf = (s: InboundStatus) => counts.data?.[s] ?? 0;
  return (
    <section className="mail-admin" aria-labelledby="inbound-title">
      <h2 id="inbound-title">{t('Received mail')}</h2>
      <p className="hint">{t('Every message Parley received, and what became of it. Quarantined mail could not be processed and waits for you.')}</p>
      <div className="filters">
        <div className="field filter">
          <label htmlFor="inbound-status">{t('Show')}</label>
          <select id="inbound-status" value={status} onChange={(e) => setParams(e.target.value === 'quarantined' ? {} : { status: e.target.value })}>
            {INBOUND_FILTER_ORDER.map((s) => <option key={s} value={s}>{t('{{state}} ({{n}})', { state: t(INBOUND_STATUS_LABELS[s]), n: countOf(s) })}</option>)}
            <option value="all">{t('All received mail')}</option>
          </select>
        </div>
      </div>
      <RequestError error={list.error ?? counts.error} />
      {list.isPending && <p className="loading" role="status">{t('Loading…')}</p>}
      {list.isSuccess && rows.length === 0 && <p className="empty">{status === 'quarantined' ? t('Nothing is quarantined.') : t('No messages here.')}</p>}
      {rows.length > 0 && (
        <table className="mail-table">
          <thead><tr><th scope="col">{t('Subject')}</th><th scope="col">{t('Sender')}</th><th scope="col">{t('Received')}</th><th scope="col">{t('Status')}</th><th scope="col">{t('Why')}</th></tr></thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id}>
                <td data-label={t('Subject')}><Link to={m.id}>{m.subject || t('(no subject)')}</Link></td>
                <td data-label={t('Sender')}>{m.from ?? ''}</td>
                <td data-label={t('Received')}><time dateTime={m.received_at}>{date(m.received_at)}</time></td>
                <td data-label={t('Status')}><span className={`mail-badge mail-inbound-${m.status}`}>{t(INBOUND_STATUS_LABELS[m.status])}</span></td>
                <td data-label={t('Why')}>{m.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.hasNextPage && <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('Show more')}</button>}
    </section>
  );
}
