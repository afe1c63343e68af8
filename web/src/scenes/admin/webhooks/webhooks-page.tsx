/**
 * /tickets/admin/webhooks/: the tenant's webhooks (docs/webhooks.md) — add one (its
 * signing secret shown once), and each one's page: change it, turn it off or on, send a
 * test event, rotate the secret, delete it, and its delivery log with redelivery.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useTitle } from '../../../hooks/use-title.ts';
import { fieldErrors, hasFieldErrors } from '../../../components/field-errors.ts';
import '../people-shared/people-shared.css';
import { WebhookDetail } from './webhook-detail.tsx';
import { emptyDraft, WebhookFields, type WebhookDraft } from './webhook-fields.tsx';
import { WebhookSecret } from './webhook-secret.tsx';
import { EVENT_LABELS, webhooksKey, type Webhook, type WebhookWithSecret } from './webhook-types.ts';
import './webhooks.css';

export function WebhooksPage() {
  return (
    <Routes>
      <Route index element={<WebhookList />} />
      <Route path=":id" element={<WebhookDetail />} />
    </Routes>
  );
}

function WebhookList() {
  const { t } = useTranslation();
  useTitle(t('Webhooks'));
  const queryClient = useQueryClient();
  const hooks = useQuery({ queryKey: webhooksKey, queryFn: () => api<Webhook[]>('GET', '/webhooks/') });
  const [draft, setDraft] = useState<WebhookDraft>(emptyDraft);
  const [created, setCreated] = useState<WebhookWithSecret>();
  const create = useMutation({
    mutationFn: () => api<WebhookWithSecret>('POST', '/webhooks/', { url: draft.url.trim(), events: draft.events, format: draft.format, description: draft.description.trim() || null }),
    onSuccess: (hook) => { setCreated(hook); setDraft(emptyDraft()); void queryClient.invalidateQueries({ queryKey: webhooksKey }); },
  });
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => { e.preventDefault(); setCreated(undefined); create.mutate(); };

  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('Webhooks')}</h2>
      <p className="admin-muted">{t('A webhook sends a signed message to a URL when something happens to a ticket: for a chat, an integration or a report.')}</p>
      {created && <WebhookSecret secret={created.secret} onDone={() => setCreated(undefined)} />}
      <form className="admin-form" noValidate onSubmit={submit} aria-labelledby="new-webhook-title">
        <h3 id="new-webhook-title">{t('New webhook')}</h3>
        <WebhookFields id="new-webhook" draft={draft} onChange={setDraft} errors={errors} />
        {!hasFieldErrors(create.error) && <RequestError error={create.error} />}
        <button type="submit" className="button primary" disabled={create.isPending || !draft.url.trim() || draft.events.length === 0}>{t('Add webhook')}</button>
      </form>

      <h3>{t('Webhooks')}</h3>
      {hooks.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={hooks.error} />
      {hooks.data?.length === 0 && <p className="empty">{t('No webhooks yet.')}</p>}
      {hooks.data && hooks.data.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead><tr><th scope="col">{t('URL')}</th><th scope="col">{t('Events')}</th><th scope="col">{t('State')}</th></tr></thead>
            <tbody>
              {hooks.data.map((hook) => (
                <tr key={hook.id}>
                  <td><Link to={`${hook.id}/`}>{hook.description || hook.url}</Link>{hook.description && <div className="admin-muted">{hook.url}</div>}</td>
                  <td>{hook.events.map((e) => t(EVENT_LABELS[e as keyof typeof EVENT_LABELS] ?? e)).join(', ')}</td>
                  <td>{hook.active ? t('On') : <span className="webhook-state-off">{t('Off')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
