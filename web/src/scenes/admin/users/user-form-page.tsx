/**
 * One account: create (new/) or change (<id>/). Staff get departments (and agents may be kept
 * to them); customers get an organisation. Deactivating is confirmed and says what it ends.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { RequestError } from '../../../components/request-error.tsx';
import { useDepartments } from '../../../hooks/use-departments.ts';
import { useMe } from '../../../hooks/use-session.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import { Field } from '../../../components/field.tsx';
import { fieldErrors } from '../../../components/field-errors.ts';
import type { AdminUser, Role } from '../people-shared/types.ts';
import { ROLE_LABELS } from './role-labels.ts';
import { UserActivation } from './user-activation.tsx';
import { useAllOrganisations, useSaveUser, useUser, type UserBody } from './users-queries.ts';

const LANGUAGE_LABELS: Record<string, string> = { '': 'The helpdesk default', en: 'English', es: 'Spanish', 'pt-BR': 'Brazilian Portuguese' };

interface Draft { email: string; name: string; role: Role; password: string; departments: number[]; restricted: boolean; ticketing: boolean; organisation: string; language: string; away: boolean }
const EMPTY: Draft = { email: '', name: '', role: 'agent', password: '', departments: [], restricted: false, ticketing: true, organisation: '', language: '', away: false };
const draftOf = (u: AdminUser): Draft => ({
  email: u.email, name: u.name, role: u.role, password: '', departments: u.departments, restricted: u.restricted_to_departments,
  ticketing: u.can_access_ticketing, organisation: u.organisation ?? '', language: u.language ?? '', away: u.away,
});

/** The API body of a draft: staff keep departments, customers an organisation. */
function bodyOf(d: Draft, creating: boolean): UserBody {
  const staff = d.role !== 'customer';
  return {
    ...(creating && { email: d.email.trim(), ...(d.password && { password: d.password }) }),
    name: d.name.trim(), role: d.role, can_access_ticketing: d.ticketing, language: d.language || null,
    departments: staff ? d.departments : [], restricted_to_departments: staff && d.role === 'agent' && d.restricted,
    organisation: staff ? null : d.organisation || null,
    // Only existing staff can be away (creating takes no away flag).
    ...(!creating && staff && { away: d.away }),
  };
}

export function UserFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const user = useUser(id);
  if (!id) return <UserForm />;
  if (user.isPending) return <p role="status">{t('Loading…')}</p>;
  if (!user.data) return <RequestError error={user.error} />;
  return <UserForm user={user.data} key={user.data.id} />;
}

function UserForm({ user }: { user?: AdminUser }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const creating = !user;
  useTitle(user ? user.name : t('New user'));
  const [d, setD] = useState<Draft>(user ? draftOf(user) : EMPTY);
  const save = useSaveUser(user?.id);
  const departments = useDepartments();
  const organisations = useAllOrganisations();
  const errors = fieldErrors(save.error);
  const [saved, setSaved] = useState(Boolean((location.state as { created?: boolean } | null)?.created));
  useEffect(() => { if (save.isPending) setSaved(false); }, [save.isPending]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((prev) => ({ ...prev, [key]: value }));
  const toggleDept = (dept: number) => set('departments', d.departments.includes(dept) ? d.departments.filter((x) => x !== dept) : [...d.departments, dept]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(bodyOf(d, creating), {
      onSuccess: (u) => {
        if (creating) navigate(`/admin/users/${u.id}/`, { state: { created: true } });
        else setSaved(true);
      },
    });
  };

  return (
    <section aria-labelledby="user-title">
      <p><Link to="/admin/users/">{t('All users')}</Link></p>
      <h2 id="user-title">{user ? user.name : t('New user')}</h2>
      {user && !user.is_active && <p className="admin-inactive">{t('This account is deactivated: it cannot sign in.')}</p>}
      <form className="admin-form" noValidate onSubmit={submit}>
        {creating
          ? <Field id="user-email" label={t('Email')} error={errors.email}><input type="email" required value={d.email} onChange={(e) => set('email', e.target.value)} /></Field>
          : <p><strong>{t('Email')}:</strong> {user.email}</p>}
        <Field id="user-name" label={t('Name')} error={errors.name}><input type="text" required value={d.name} onChange={(e) => set('name', e.target.value)} /></Field>
        <Field id="user-role" label={t('Role')} error={errors.role} hint={t('Changing the role signs the person out everywhere.')}>
          <select value={d.role} disabled={user?.id === me.id} onChange={(e) => set('role', e.target.value as Role)}>
            {Object.entries(ROLE_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
          </select>
        </Field>
        {creating && (
          <Field id="user-password" label={t('Password (optional)')} error={errors.password} hint={t('Left empty, the person sets one through "Forgot password".')}>
            <input type="password" autoComplete="new-password" value={d.password} onChange={(e) => set('password', e.target.value)} />
          </Field>
        )}
        {d.role !== 'customer' ? (
          <fieldset aria-describedby={errors.departments ? 'user-departments-error' : undefined}>
            <legend>{t('Departments')}</legend>
            {(departments.data ?? []).map((dept) => (
              <label key={dept.id} className="admin-check">
                <input type="checkbox" checked={d.departments.includes(dept.id)} onChange={() => toggleDept(dept.id)} /> {dept.name}
              </label>
            ))}
            {d.role === 'agent' && (
              <label className="admin-check">
                <input type="checkbox" checked={d.restricted} onChange={(e) => set('restricted', e.target.checked)} /> {t('Only sees the tickets of these departments')}
              </label>
            )}
            {errors.departments && <p id="user-departments-error" className="field-error">{errors.departments}</p>}
            {!creating && (
              <label className="admin-check">
                <input type="checkbox" checked={d.away} onChange={(e) => set('away', e.target.checked)} /> {t('Away: not given tickets by automatic assignment')}
              </label>
            )}
          </fieldset>
        ) : (
          <Field id="user-organisation" label={t('Organisation')} error={errors.organisation} hint={t('Left empty: the organisation that owns the mail domain, if any.')}>
            <select value={d.organisation} onChange={(e) => set('organisation', e.target.value)}>
              <option value="">{t('None')}</option>
              {(organisations.data?.results ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </Field>
        )}
        <label className="admin-check">
          <input type="checkbox" checked={d.ticketing} onChange={(e) => set('ticketing', e.target.checked)} /> {t('May use the helpdesk')}
        </label>
        <Field id="user-language" label={t('Language')} error={errors.language}>
          <select value={d.language} onChange={(e) => set('language', e.target.value)}>
            {Object.entries(LANGUAGE_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
          </select>
        </Field>
        {Object.keys(errors).length === 0 && <RequestError error={save.error} />}
        <div className="admin-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>{creating ? t('Create user') : t('Save changes')}</button>
          {saved && <p className="admin-saved" role="status">{t('Saved.')}</p>}
        </div>
      </form>
      {user && user.id !== me.id && <UserActivation user={user} />}
    </section>
  );
}
