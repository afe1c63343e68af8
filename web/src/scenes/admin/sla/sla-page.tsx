/**
 * /tickets/admin/sla/: the tenant's SLA policies (docs/sla.md) — the list with each one's
 * scope and targets, a form to add one, and each one's page to change or delete it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client.ts';
import { fieldErrors, hasFieldErrors } from '../../../components/field-errors.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useTitle } from '../../../hooks/use-title.ts';
import '../people-shared/people-shared.css';
import { bodyOf, draftOf, emptyDraft, type SlaDraft } from './sla-draft.ts';
import { SlaPolicyFields } from './sla-policy-fields.tsx';
import { SCOPE_LABELS, slaPoliciesKey, type SlaPolicy } from './sla-types.ts';
import './sla.css';

export function SlaPage() {
  return (
    <Routes>
      <Route index element={<SlaPolicyList />} />
      <Route path=":id" element={<SlaPolicyEdit />} />
    </Routes>
  );
}

const hours = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`);

function SlaPolicyList() {
  const { t } = useTranslation();
  useTitle(t('SLA policies'));
  const queryClient = useQueryClient();
  const policies = useQuery({ queryKey: slaPoliciesKey, queryFn: () => api<SlaPolicy[]>('GET', '/sla-policies/') });
  const [draft, setDraft] = useState<SlaDraft>(emptyDraft);
  const create = useMutation({
    mutationFn: () => api<SlaPolicy>('POST', '/sla-policies/', bodyOf(draft)),
    onSuccess: () => { setDraft(emptyDraft()); void queryClient.invalidateQueries({ queryKey: slaPoliciesKey }); },
  });
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => { e.preventDefault(); create.mutate(); };
  return (
    <section aria-labelledby="sla-title">
      <h2 id="sla-title">{t('SLA policies')}</h2>
      <p className="admin-muted">{t('Targets for the first reply and for resolution, per priority. The policy of an organisation comes first, then that of a department, then the default; without any, the built-in table applies.')}</p>
      {policies.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={policies.error} />
      {policies.data?.length === 0 && <p className="empty">{t('No SLA policies yet: the targets per priority in Settings apply, around the clock.')}</p>}
      {policies.data && policies.data.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead><tr><th scope="col">{t('Name')}</th><th scope="col">{t('Applies to')}</th><th scope="col">{t('Critical')}</th><th scope="col">{t('Low')}</th></tr></thead>
            <tbody>
              {policies.data.map((p) => (
                <tr key={p.id}>
                  <td><Link to={`${p.id}/`}>{p.name}</Link></td>
                  <td>{t(SCOPE_LABELS[p.scope])}</td>
                  <td>{hours(p.targets.critical.first_response)} / {hours(p.targets.critical.resolution)}</td>
                  <td>{hours(p.targets.low.first_response)} / {hours(p.targets.low.resolution)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="admin-form" noValidate onSubmit={submit} aria-labelledby="new-sla-title">
        <h3 id="new-sla-title">{t('New SLA policy')}</h3>
        <SlaPolicyFields id="new-sla" draft={draft} onChange={setDraft} errors={errors} />
        {!hasFieldErrors(create.error) && <RequestError error={create.error} />}
        <button type="submit" className="button primary" disabled={create.isPending || !draft.name.trim()}>{t('Add SLA policy')}</button>
      </form>
    </section>
  );
}

function SlaPolicyEdit() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const policy = useQuery({ queryKey: [...slaPoliciesKey, id], queryFn: () => api<SlaPolicy>('GET', `/sla-policies/${id}/`) });
  useTitle(policy.data?.name ?? t('SLA policy'));
  return (
    <section aria-labelledby="sla-edit-title">
      <p><Link to="..">{t('All SLA policies')}</Link></p>
      <h2 id="sla-edit-title">{policy.data?.name ?? t('SLA policy')}</h2>
      {policy.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={policy.error} />
      {policy.data && <SlaPolicyForm policy={policy.data} />}
    </section>
  );
}

function SlaPolicyForm({ policy }: { policy: SlaPolicy }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SlaDraft>(() => draftOf(policy));
  const done = () => void queryClient.invalidateQueries({ queryKey: slaPoliciesKey });
  const save = useMutation({ mutationFn: () => api<SlaPolicy>('PATCH', `/sla-policies/${policy.id}/`, bodyOf(draft)), onSuccess: done });
  const remove = useMutation({ mutationFn: () => api<null>('DELETE', `/sla-policies/${policy.id}/`), onSuccess: () => { done(); void navigate('..'); } });
  const errors = fieldErrors(save.error);
  return (
    <form className="admin-form" noValidate onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label={t('Change SLA policy')}>
      <SlaPolicyFields id="edit-sla" draft={draft} onChange={setDraft} errors={errors} />
      {!hasFieldErrors(save.error) && <RequestError error={save.error} />}
      {save.isSuccess && <p role="status">{t('Saved.')}</p>}
      <div className="admin-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>{t('Save SLA policy')}</button>
        <button type="button" className="button danger" disabled={remove.isPending} onClick={() => remove.mutate()}>{t('Delete SLA policy')}</button>
      </div>
      <RequestError error={remove.error} />
    </form>
  );
}
