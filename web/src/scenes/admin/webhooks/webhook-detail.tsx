/** One webhook's page: change it, turn it off or on, test it, rotate its secret, delete it, and its delivery log. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useFormat } from '../../../hooks/use-format.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { fieldErrors, hasFieldErrors } from '../../../components/field-errors.ts';
import { WebhookFields, type WebhookDraft } from './webhook-fields.tsx';
import { WebhookSecret } from './webhook-secret.tsx';
import { DELIVERY_STATUS_LABELS, webhooksKey, type Webhook, type WebhookDelivery, type WebhookTestResult, type WebhookWithSecret } from './webhook-types.ts';

const draftOf = (hook: Webhook): WebhookDraft => ({ url: hook.url, events: hook.events, format: hook.format, description: hook.description ?? '' });

export function WebhookDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const hook = useQuery({ queryKey: [...webhooksKey, id], queryFn: () => api<Webhook>('GET', `/webhooks/${id}/`) });
  useTitle(hook.data ? t('Webhook {{url}}', { url: hook.data.url }) : undefined);
  if (hook.isPending) return <p role="status">{t('Loading…')}</p>;
  if (hook.isError) return <RequestError error={hook.error} />;
  return <WebhookEditor key={hook.data.updated_at} hook={hook.data} />;
}

function WebhookEditor({ hook }: { hook: Webhook }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<WebhookDraft>(() => draftOf(hook));
  const [secret, setSecret] = useState<string>();
  const [confirm, setConfirm] = useState<'rotate' | 'delete'>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: webhooksKey });
  const save = useMutation({
    mutationFn: (changes: Record<string, unknown>) => api<Webhook>('PATCH', `/webhooks/${hook.id}/`, changes),
    onSuccess: () => void refresh(),
  });
  const test = useMutation({ mutationFn: () => api<WebhookTestResult>('POST', `/webhooks/${hook.id}/test/`), onSuccess: () => void refresh() });
  const rotate = useMutation({
    mutationFn: () => api<WebhookWithSecret>('POST', `/webhooks/${hook.id}/rotate-secret/`),
    onSuccess: (h) => { setConfirm(undefined); setSecret(h.secret); void refresh(); },
  });
  const remove = useMutation({
    mutationFn: () => api<void>('DELETE', `/webhooks/${hook.id}/`),
    onSuccess: () => { void refresh(); navigate('/admin/webhooks/'); },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ url: draft.url.trim(), events: draft.events, format: draft.format, description: draft.description.trim() || null });
  };

  return (
    <section aria-labelledby="webhook-title">
      <p><Link to="/admin/webhooks/">{t('All webhooks')}</Link></p>
      <h2 id="webhook-title">{hook.description || hook.url}</h2>
      <p>
        {hook.active ? t('On: messages are sent.') : <span className="webhook-state-off">{t('Off: {{reason}}', { reason: hook.disabled_reason ?? '' })}</span>}
        {' '}
        <button type="button" className="button small" disabled={save.isPending} onClick={() => save.mutate({ active: !hook.active })}>
          {hook.active ? t('Turn off') : t('Turn on')}
        </button>
      </p>
      {hook.previous_secret_valid_until && <p className="admin-muted">{t('The previous secret also signs until {{date}}.', { date: format.date(hook.previous_secret_valid_until) })}</p>}
      {secret && <WebhookSecret secret={secret} onDone={() => setSecret(undefined)} />}

      <form className="admin-form" noValidate onSubmit={submit} aria-labelledby="edit-webhook-title">
        <h3 id="edit-webhook-title">{t('Settings')}</h3>
        <WebhookFields id="edit-webhook" draft={draft} onChange={setDraft} errors={errors} />
        {!hasFieldErrors(save.error) && <RequestError error={save.error} />}
        {save.isSuccess && <p role="status" className="admin-saved">{t('Saved.')}</p>}
        <button type="submit" className="button primary" disabled={save.isPending || draft.events.length === 0}>{t('Save')}</button>
      </form>

      <div className="webhook-actions">
        <button type="button" className="button" disabled={test.isPending} onClick={() => test.mutate()}>{test.isPending ? t('Sending…') : t('Send a test event')}</button>
        <ConfirmDialog open={confirm === 'rotate'} onOpenChange={(o) => setConfirm(o ? 'rotate' : undefined)}
          trigger={<button type="button" className="button">{t('Rotate the secret…')}</button>}
          title={t('Make a new secret?')} confirmLabel={t('Rotate')} onConfirm={() => rotate.mutate()} pending={rotate.isPending} error={rotate.error}>
          <p>{t('The new secret is shown once. The old one keeps signing beside it for 24 hours, so the receiver can switch without missing a message.')}</p>
        </ConfirmDialog>
        <ConfirmDialog open={confirm === 'delete'} onOpenChange={(o) => setConfirm(o ? 'delete' : undefined)}
          trigger={<button type="button" className="button danger">{t('Delete…')}</button>}
          title={t('Delete this webhook?')} confirmLabel={t('Delete')} danger onConfirm={() => remove.mutate()} pending={remove.isPending} error={remove.error}>
          <p>{t('Nothing more is sent to it, and its delivery log goes with it.')}</p>
        </ConfirmDialog>
      </div>
      <RequestError error={test.error} />
      {test.data && (
        <p role="status" className="webhook-test-result">
          {test.data.ok
            ? t('The receiver answered {{code}} in {{ms}} ms.', { code: test.data.delivery.status_code ?? '', ms: test.data.delivery.duration_ms ?? '' })
            : t('The test failed: {{error}}', { error: test.data.delivery.error ?? '' })}
        </p>
      )}
      <DeliveryLog hookId={hook.id} />
    </section>
  );
}

function DeliveryLog({ hookId }: { hookId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const log = useInfiniteQuery({
    queryKey: [...webhooksKey, hookId, 'deliveries'],
    queryFn: ({ pageParam }) => api<{ results: WebhookDelivery[]; next_cursor: string | null }>('GET', `/webhooks/${hookId}/deliveries/${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const redeliver = useMutation({
    mutationFn: (deliveryId: string) => api<WebhookDelivery>('POST', `/webhook-deliveries/${deliveryId}/redeliver/`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...webhooksKey, hookId, 'deliveries'] }),
  });
  const rows = log.data?.pages.flatMap((p) => p.results) ?? [];
  return (
    <section className="webhook-log" aria-labelledby="webhook-log-title">
      <h3 id="webhook-log-title">{t('Delivery log')}</h3>
      <RequestError error={log.error ?? redeliver.error} />
      {log.isSuccess && rows.length === 0 && <p className="empty">{t('Nothing sent yet.')}</p>}
      {rows.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('When')}</th><th scope="col">{t('Event')}</th><th scope="col">{t('Status')}</th>
                <th scope="col">{t('Answer')}</th><th scope="col"><span className="admin-sr-only">{t('Actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <td>{format.date(d.created_at)}</td>
                  <td><code>{d.event}</code></td>
                  <td>
                    {t(DELIVERY_STATUS_LABELS[d.status])}
                    <div className="admin-muted">{t('Attempts: {{count}}', { count: d.attempts })}{d.next_attempt_at && ` · ${t('next at {{date}}', { date: format.date(d.next_attempt_at) })}`}</div>
                  </td>
                  <td>
                    {d.status_code !== null ? `${d.status_code} · ${d.duration_ms ?? 0} ms` : d.error}
                    {d.response_excerpt && <details><summary>{t('What the receiver said')}</summary><pre>{d.response_excerpt}</pre></details>}
                  </td>
                  <td>
                    {d.status !== 'pending' && (
                      <button type="button" className="button small" disabled={redeliver.isPending} onClick={() => redeliver.mutate(d.id)}
                        aria-label={t('Send again: {{event}} of {{date}}', { event: d.event, date: format.date(d.created_at) })}>{t('Send again')}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.hasNextPage && <button type="button" className="button" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>{t('Show more')}</button>}
    </section>
  );
}
