/** A department's settings, new or existing: each field says what it does; the server's refusals land on their field. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../../api/client.ts';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../../components/labels.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useTitle } from '../../../hooks/use-title.ts';
import { formErrors } from '../../../components/field-errors.ts';
import { Field } from '../../../components/field.tsx';
import type { AssignmentMode } from '../../../../../src/domain/assignment/assignment-modes.ts';
import type { AdminDepartment } from '../mail-shared/types.ts';
import { adminDepartmentsKey, useAdminDepartments } from './departments-page.tsx';
import { useStaff } from './use-staff.ts';

interface Draft {
  name: string; slug: string; addresses: string; default_owner: string; default_status: string; default_priority: string;
  auto_create_customers: boolean; is_active: boolean; assignment_mode: AssignmentMode;
}

/** The modes of docs/assignment.md, as the form offers them. */
const ASSIGNMENT_MODE_LABELS: Readonly<Record<AssignmentMode, string>> = {
  manual: 'Off: assigned by hand',
  round_robin: 'Round robin: in turn among the department’s agents',
  least_loaded: 'Least loaded: to the agent with the fewest open tickets',
};

const EMPTY: Draft = { name: '', slug: '', addresses: '', default_owner: '', default_status: 'new', default_priority: 'medium', auto_create_customers: true, is_active: true, assignment_mode: 'manual' };

const toDraft = (d: AdminDepartment): Draft => ({
  name: d.name, slug: d.slug, addresses: d.addresses.join('\n'), default_owner: d.default_owner ?? '', default_status: d.default_status,
  default_priority: d.default_priority, auto_create_customers: d.auto_create_customers, is_active: d.is_active,
  assignment_mode: d.assignment_mode,
});

export function DepartmentForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const departments = useAdminDepartments();
  const staff = useStaff();
  const existing = id ? departments.data?.find((d) => String(d.id) === id) : undefined;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [saved, setSaved] = useState(false);
  useTitle(existing ? existing.name : t('New department'));
  useEffect(() => { if (existing) setDraft(toDraft(existing)); }, [existing]);

  const save = useMutation({
    mutationFn: (d: Draft) => {
      const body = {
        name: d.name, ...(d.slug.trim() && { slug: d.slug.trim() }),
        addresses: d.addresses.split(/[\s,;]+/).map((a) => a.trim().toLowerCase()).filter(Boolean),
        default_owner: d.default_owner || null, default_status: d.default_status, default_priority: d.default_priority,
        auto_create_customers: d.auto_create_customers, assignment_mode: d.assignment_mode, ...(id && { is_active: d.is_active }),
      };
      return id ? api<AdminDepartment>('PATCH', `/departments/${id}/`, body) : api<AdminDepartment>('POST', '/departments/', body);
    },
    onSuccess: async (d) => {
      await queryClient.invalidateQueries({ queryKey: adminDepartmentsKey });
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
      setSaved(true);
      if (!id) navigate(`../${d.id}`, { relative: 'path' });
    },
  });

  if (id && departments.isSuccess && !existing) return <p role="alert">{t('This was not found, or you may not see it.')}</p>;
  const errors = formErrors(save.error);
  // A 409 names the address (or the slug) someone else has: it goes on that field.
  const conflict = save.error instanceof ApiError && save.error.status === 409 ? save.error.problem?.detail ?? '' : '';
  if (conflict) errors.fields[/slug/i.test(conflict) ? 'slug' : 'addresses'] = conflict;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => { setSaved(false); setDraft((d) => ({ ...d, [key]: value })); };
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(draft); };

  return (
    <section className="mail-admin" aria-labelledby="department-title">
      <p><Link to=".." relative="path">{t('All departments')}</Link></p>
      <h2 id="department-title">{existing ? existing.name : t('New department')}</h2>
      <form className="mail-form" onSubmit={submit} noValidate>
        <Field id="dep-name" label={t('Name')} hint={t('Shown to customers when they choose where to write.')} error={errors.fields.name}>
          <input value={draft.name} onChange={(e) => set('name', e.target.value)} required maxLength={100} />
        </Field>
        <Field id="dep-slug" label={t('Short name')} hint={t('Lowercase letters, digits and hyphens, used by the API and in links; made from the name when left empty.')} error={errors.fields.slug}>
          <input value={draft.slug} onChange={(e) => set('slug', e.target.value)} maxLength={64} pattern="[a-z0-9-]*" />
        </Field>
        <Field id="dep-addresses" label={t('Queue addresses')} hint={t('One per line. Mail sent to these addresses becomes tickets of this department. An address can belong to one department only.')} error={errors.fields.addresses}>
          <textarea value={draft.addresses} onChange={(e) => set('addresses', e.target.value)} rows={3} />
        </Field>
        <Field id="dep-owner" label={t('Default owner')} hint={t('New tickets of this department are assigned to this person; nobody leaves them unassigned.')} error={errors.fields.default_owner}>
          <select value={draft.default_owner} onChange={(e) => set('default_owner', e.target.value)}>
            <option value="">{t('Nobody')}</option>
            {staff.data?.filter((u) => u.is_active || u.id === draft.default_owner).map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email})</option>)}
          </select>
        </Field>
        <Field id="dep-assignment" label={t('Automatic assignment')} hint={t('For new tickets without an assignee or default owner, and tickets transferred here unassigned. Agents who are away are skipped.')} error={errors.fields.assignment_mode}>
          <select value={draft.assignment_mode} onChange={(e) => set('assignment_mode', e.target.value as AssignmentMode)}>
            {Object.entries(ASSIGNMENT_MODE_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
          </select>
        </Field>
        <Field id="dep-status" label={t('Default status')} hint={t('The status a new ticket of this department starts in.')} error={errors.fields.default_status}>
          <select value={draft.default_status} onChange={(e) => set('default_status', e.target.value)}>
            {Object.entries(STATUS_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
          </select>
        </Field>
        <Field id="dep-priority" label={t('Default priority')} hint={t('The priority of a new ticket when the sender does not set one.')} error={errors.fields.default_priority}>
          <select value={draft.default_priority} onChange={(e) => set('default_priority', e.target.value)}>
            {Object.entries(PRIORITY_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
          </select>
        </Field>
        <div className="mail-check">
          <input id="dep-autocreate" type="checkbox" checked={draft.auto_create_customers} onChange={(e) => set('auto_create_customers', e.target.checked)} aria-describedby="dep-autocreate-hint" />
          <label htmlFor="dep-autocreate">{t('Create customers from unknown senders')}</label>
          <small id="dep-autocreate-hint" className="hint">{t('When off, mail from an address that is no known person is refused (it shows in received mail) instead of opening a ticket.')}</small>
        </div>
        {id && (
          <div className="mail-check">
            <input id="dep-active" type="checkbox" checked={draft.is_active} onChange={(e) => set('is_active', e.target.checked)} aria-describedby="dep-active-hint" />
            <label htmlFor="dep-active">{t('Active')}</label>
            <small id="dep-active-hint" className="hint">{t('An inactive department takes no new tickets; its tickets stay.')}</small>
          </div>
        )}
        {errors.other && <p role="alert" className="request-error">{errors.other}</p>}
        {!errors.other && !Object.keys(errors.fields).length && <RequestError error={save.error} />}
        <div className="mail-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>{id ? t('Save department') : t('Create department')}</button>
          <span role="status">{saved && !save.isPending ? t('Saved.') : ''}</span>
        </div>
      </form>
    </section>
  );
}
