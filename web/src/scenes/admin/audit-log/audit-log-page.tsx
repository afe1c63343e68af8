/**
 * /tickets/admin/audit-log/: who did what, newest first, filtered by who, by action and by
 * period (the API filters all three), a page of 100 at a time ("Show more" follows the
 * API's cursor).
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, queryString } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useTitle } from '../../../hooks/use-title.ts';
import type { AdminUser, AuditEvent, Page } from '../people-shared/types.ts';
import { useUserNames } from '../people-shared/use-user-names.ts';
import '../people-shared/people-shared.css';
import { AuditEntry } from './audit-entry.tsx';
import { EVENT_LABELS } from './event-labels.ts';
import { periodQuery } from './period.ts';
import './audit-log.css';

export function AuditLogPage() {
  const { t } = useTranslation();
  useTitle(t('Audit log'));
  const [params, setParams] = useSearchParams();
  const period = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const filters = { actor: params.get('actor') ?? undefined, name: params.get('name') ?? undefined, ...periodQuery(period) };
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };
  const staff = useQuery({
    queryKey: ['admin', 'users', 'staff'],
    queryFn: async () => (await Promise.all(['admin', 'agent'].map((role) => api<Page<AdminUser>>('GET', `/users/?role=${role}&limit=200`)))).flatMap((p) => p.results),
    staleTime: 60_000,
  });
  const log = useInfiniteQuery({
    queryKey: ['admin', 'audit-log', filters],
    queryFn: ({ pageParam }) => api<Page<AuditEvent>>('GET', `/audit-log/${queryString({ ...filters, cursor: pageParam, limit: '100' })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const shown = useMemo(() => log.data?.pages.flatMap((p) => p.results) ?? [], [log.data]);
  const people = useUserNames(shown.flatMap((e) => [e.actor_id, e.subject_type === 'user' ? e.subject_id : null]));
  const events = Object.entries(EVENT_LABELS).map(([name, label]) => ({ name, label: t(label) })).sort((a, b) => a.label.localeCompare(b.label));

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('Audit log')}</h2>
      <form className="admin-toolbar" aria-label={t('Filter the audit log')} onSubmit={(e) => e.preventDefault()}>
        <label className="filter">{t('Who')}
          <select value={filters.actor ?? ''} onChange={(e) => set('actor', e.target.value)}>
            <option value="">{t('Anyone')}</option>
            {(staff.data ?? []).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label className="filter">{t('Action')}
          <select value={filters.name ?? ''} onChange={(e) => set('name', e.target.value)}>
            <option value="">{t('Any action')}</option>
            {events.map((ev) => <option key={ev.name} value={ev.name}>{ev.label}</option>)}
          </select>
        </label>
        <label className="filter">{t('From')}
          <input type="date" value={period.from ?? ''} max={period.to} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label className="filter">{t('To')}
          <input type="date" value={period.to ?? ''} min={period.from} onChange={(e) => set('to', e.target.value)} />
        </label>
      </form>
      {log.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={log.error} />
      {log.isSuccess && shown.length === 0 && <p className="empty">{t('Nothing was recorded that matches.')}</p>}
      {shown.length > 0 && <ol className="audit-list" aria-label={t('Entries')}>{shown.map((e) => <AuditEntry key={e.id} event={e} people={people} />)}</ol>}
      {log.hasNextPage && (
        <button type="button" className="button" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>{t('Show more')}</button>
      )}
    </section>
  );
}
