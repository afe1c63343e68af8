/** /tickets/admin/jobs/: the tenant's background jobs (failed ones first asked), each with its error and "Retry". */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, ApiError, queryString } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useFormat } from '../../../hooks/use-format.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import type { Job, JobStatus, Page } from '../people-shared/types.ts';
import '../people-shared/people-shared.css';
import './jobs.css';

const STATUS_LABELS: Record<JobStatus, string> = { failed: 'Failed', pending: 'Waiting', running: 'Running', done: 'Done' };

export function JobsPage() {
  const { t } = useTranslation();
  useTitle(t('Background jobs'));
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'failed') as JobStatus | 'all';
  const jobs = useInfiniteQuery({
    queryKey: ['admin', 'jobs', status],
    queryFn: ({ pageParam }) => api<Page<Job>>('GET', `/jobs/${queryString({ status: status === 'all' ? undefined : status, cursor: pageParam, limit: '50' })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = jobs.data?.pages.flatMap((p) => p.results) ?? [];
  return (
    <section aria-labelledby="jobs-title">
      <h2 id="jobs-title">{t('Background jobs')}</h2>
      <p className="admin-muted">{t('Mail, notifications and other work done after a change. A job that failed for good waits here with its error; "Retry" queues it again to run now.')}</p>
      <div className="admin-toolbar">
        <label className="filter">{t('Status')}
          <select value={status} onChange={(e) => setParams(e.target.value === 'failed' ? {} : { status: e.target.value }, { replace: true })}>
            {Object.entries(STATUS_LABELS).map(([v, label]) => <option key={v} value={v}>{t(label)}</option>)}
            <option value="all">{t('All')}</option>
          </select>
        </label>
      </div>
      {jobs.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={jobs.error} />
      {jobs.isSuccess && rows.length === 0 && <p className="empty">{status === 'failed' ? t('No failed jobs.') : t('No jobs.')}</p>}
      {rows.length > 0 && (
        <ul className="job-list">
          {rows.map((job) => (
            <li key={job.id} className="job">
              <div className="job-head">
                <strong>{job.name}</strong>
                <span className={`badge job-${job.status}`}>{t(STATUS_LABELS[job.status])}</span>
                <span className="admin-muted">{t('{{attempts}} of {{max}} attempts', { attempts: job.attempts, max: job.max_attempts })}</span>
                <span className="admin-muted">{t('Last change {{date}}', { date: format.date(job.updated_at) })}</span>
                {job.status === 'failed' && <RetryJob job={job} />}
              </div>
              {job.last_error && <pre className="job-error">{job.last_error}</pre>}
            </li>
          ))}
        </ul>
      )}
      {jobs.hasNextPage && <button type="button" className="button" disabled={jobs.isFetchingNextPage} onClick={() => void jobs.fetchNextPage()}>{t('Show more')}</button>}
    </section>
  );
}

function RetryJob({ job }: { job: Job }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => api<Job>('POST', `/jobs/${job.id}/retry/`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'jobs'] }),
  });
  // 409: someone retried it already; the list is read again.
  const gone = retry.error instanceof ApiError && retry.error.status === 409;
  return (
    <>
      <button type="button" className="button small" disabled={retry.isPending} onClick={() => retry.mutate()}
        aria-label={t('Retry job {{name}} ({{id}})', { name: job.name, id: job.id })}>{t('Retry')}</button>
      {gone ? <p role="alert" className="field-error">{t('It is no longer failed: someone retried it already.')}</p> : <RequestError error={retry.error} />}
    </>
  );
}
