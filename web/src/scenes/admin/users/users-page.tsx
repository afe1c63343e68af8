/** /tickets/admin/users/: the accounts, searchable and in pages; new/ and <id>/ open the form. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useSearchParams } from 'react-router';
import { RequestError } from '../../../components/request-error.tsx';
import { useDepartments } from '../../../hooks/use-departments.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import type { Role } from '../people-shared/types.ts';
import '../people-shared/people-shared.css';
import { ROLE_LABELS } from './role-labels.ts';
import { UserFormPage } from './user-form-page.tsx';
import { useUsers } from './users-queries.ts';

export function UsersPage() {
  return (
    <Routes>
      <Route index element={<UserList />} />
      <Route path="new" element={<UserFormPage />} />
      <Route path=":id" element={<UserFormPage />} />
    </Routes>
  );
}

function UserList() {
  const { t } = useTranslation();
  useTitle(t('Users'));
  const [params, setParams] = useSearchParams();
  const filters = { search: params.get('search') ?? undefined, role: (params.get('role') as Role | null) ?? undefined, organisation: params.get('organisation') ?? undefined };
  const [search, setSearch] = useState(filters.search ?? '');
  const list = useUsers(filters);
  const departments = useDepartments();
  const deptName = (id: number) => departments.data?.find((d) => d.id === id)?.name ?? `#${id}`;
  const users = list.data?.pages.flatMap((p) => p.results) ?? [];
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };
  const submit = (e: FormEvent) => { e.preventDefault(); set('search', search.trim()); };

  return (
    <section aria-labelledby="users-title">
      <div className="admin-head">
        <h2 id="users-title">{t('Users')}</h2>
        <Link className="button primary" to="new">{t('New user')}</Link>
      </div>
      <form role="search" className="admin-toolbar" onSubmit={submit}>
        <label className="filter">{t('Name or email')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <button type="submit" className="button">{t('Search')}</button>
        <label className="filter">{t('Role')}
          <select value={filters.role ?? ''} onChange={(e) => set('role', e.target.value)}>
            <option value="">{t('Any role')}</option>
            {Object.entries(ROLE_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
          </select>
        </label>
        {filters.organisation && <button type="button" className="button" onClick={() => set('organisation', '')}>{t('Every organisation')}</button>}
      </form>
      {list.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={list.error} />
      {list.isSuccess && users.length === 0 && <p className="empty">{t('No users match.')}</p>}
      {users.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr><th scope="col">{t('Name')}</th><th scope="col">{t('Email')}</th><th scope="col">{t('Role')}</th><th scope="col">{t('Departments')}</th><th scope="col">{t('State')}</th></tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td><Link to={`${u.id}/`}>{u.name}</Link></td>
                  <td>{u.email}</td>
                  <td>{t(ROLE_LABELS[u.role])}</td>
                  <td>{u.role === 'customer' ? '—' : u.departments.map(deptName).join(', ') || t('None')}</td>
                  <td>{u.is_active ? (u.away ? t('Away') : t('Active')) : <span className="admin-inactive">{t('Deactivated')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('Show more')}</button>
      )}
    </section>
  );
}
