/**
 * /tickets/admin/triggers/: the tenant's triggers and actions (docs/automation.md) — the
 * list in the order they run, a new one, and each one's page: change it, turn it off,
 * delete it, and its run log.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { RequestError } from '../../../components/request-error.tsx';
import { useTitle } from '../../../hooks/use-title.ts';
import '../people-shared/people-shared.css';
import { draftOf, emptyTrigger, inputOf, TriggerForm, type TriggerDraft } from './trigger-form.tsx';
import { TriggerRuns } from './trigger-runs.tsx';
import { TRIGGER_TYPE_LABELS, triggersKey, type Trigger, type TriggerType } from './trigger-types.ts';
import './triggers.css';

export function TriggersPage() {
  return (
    <Routes>
      <Route index element={<TriggerList />} />
      <Route path="new" element={<NewTrigger />} />
      <Route path=":id" element={<TriggerDetail />} />
    </Routes>
  );
}

function TriggerList() {
  const { t } = useTranslation();
  useTitle(t('Triggers'));
  const triggers = useQuery({ queryKey: triggersKey, queryFn: () => api<Trigger[]>('GET', '/triggers/') });
  return (
    <section aria-labelledby="triggers-title">
      <h2 id="triggers-title">{t('Triggers')}</h2>
      <p className="admin-muted">{t('A trigger does something when a ticket changes, is created, is closed for inactivity or nears its SLA: it tags it, changes a field, writes a note, sends a mail or calls a URL.')}</p>
      <Link className="button primary" to="new/">{t('New trigger')}</Link>
      {triggers.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={triggers.error} />
      {triggers.data?.length === 0 && <p className="empty">{t('No triggers yet.')}</p>}
      {triggers.data && triggers.data.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead><tr><th scope="col">{t('Name')}</th><th scope="col">{t('When')}</th><th scope="col">{t('Actions')}</th><th scope="col">{t('State')}</th></tr></thead>
            <tbody>
              {triggers.data.map((x) => (
                <tr key={x.id}>
                  <td><Link to={`${x.id}/`}>{x.name}</Link></td>
                  <td>{t(TRIGGER_TYPE_LABELS[x.type as TriggerType] ?? x.type)}</td>
                  <td>{x.actions.length}</td>
                  <td>{x.active ? t('On') : <span className="trigger-off">{t('Off')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function NewTrigger() {
  const { t } = useTranslation();
  useTitle(t('New trigger'));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (d: TriggerDraft) => api<Trigger>('POST', '/triggers/', inputOf(d)),
    onSuccess: (created) => { void queryClient.invalidateQueries({ queryKey: triggersKey }); void navigate(`../${created.id}/`); },
  });
  return (
    <section aria-labelledby="new-trigger-title">
      <p><Link to="..">{t('All triggers')}</Link></p>
      <h2 id="new-trigger-title">{t('New trigger')}</h2>
      <TriggerForm initial={emptyTrigger()} submitLabel={t('Add trigger')} pending={create.isPending} error={create.error} onSubmit={(d) => create.mutate(d)} />
    </section>
  );
}

function TriggerDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const key = [...triggersKey, id];
  const trigger = useQuery({ queryKey: key, queryFn: () => api<Trigger>('GET', `/triggers/${id}/`) });
  useTitle(trigger.data?.name ?? t('Triggers'));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (d: TriggerDraft) => api<Trigger>('PATCH', `/triggers/${id}/`, inputOf(d)),
    onMutate: () => setSaved(false),
    onSuccess: (row) => { queryClient.setQueryData(key, row); void queryClient.invalidateQueries({ queryKey: triggersKey, exact: true }); setSaved(true); },
  });
  const remove = useMutation({
    mutationFn: () => api<void>('DELETE', `/triggers/${id}/`),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: triggersKey }); void navigate('../'); },
  });
  if (trigger.isPending) return <p role="status">{t('Loading…')}</p>;
  if (!trigger.data) return <RequestError error={trigger.error} />;
  return (
    <section aria-labelledby="trigger-title">
      <p><Link to="..">{t('All triggers')}</Link></p>
      <h2 id="trigger-title">{trigger.data.name}</h2>
      <TriggerForm key={trigger.data.updated_at} initial={draftOf(trigger.data)} submitLabel={t('Save')} pending={save.isPending} error={save.error} onSubmit={(d) => save.mutate(d)} />
      {saved && <p role="status">{t('Saved.')}</p>}
      <ConfirmDialog
        trigger={<button type="button" className="button danger">{t('Delete trigger')}</button>}
        title={t('Delete this trigger?')} confirmLabel={t('Delete trigger')} danger pending={remove.isPending} error={remove.error}
        onConfirm={() => remove.mutateAsync()}
      >
        <p>{t('Its run log goes with it. Tickets keep what it did.')}</p>
      </ConfirmDialog>
      <TriggerRuns triggerId={id} />
    </section>
  );
}
