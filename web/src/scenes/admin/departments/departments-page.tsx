/** /tickets/admin/departments/: the departments, their mail queue addresses and the defaults of the tickets they receive. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { STATUS_LABELS } from '../../../components/labels.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import type { AdminDepartment } from '../mail-shared/types.ts';
import { useStaff } from './use-staff.ts';
import { DepartmentForm } from './department-form.tsx';
import '../mail-shared/admin-mail.css';

export const adminDepartmentsKey = ['admin', 'departments'] as const;

export function useAdminDepartments() {
  return useQuery({ queryKey: adminDepartmentsKey, queryFn: () => api<AdminDepartment[]>('GET', '/departments/') });
}

export function DepartmentsPage() {
  return (
    <Routes>
      <Route index element={<DepartmentList />} />
      <Route path="new" element={<DepartmentForm />} />
      <Route path=":id" element={<DepartmentForm />} />
    </Routes>
  );
}

function DepartmentList() {
  const { t } = useTranslation();
  useTitle(t('Departments'));
  const departments = useAdminDepartments();
  const staff = useStaff();
  const owner = (id: string | null) => (id ? staff.data?.find((u) => u.id === id)?.name ?? t('Unknown person') : t('Nobody'));
  return (
    <section className="mail-admin" aria-labelledby="departments-title">
      <div className="mail-head">
        <h2 id="departments-title">{t('Departments')}</h2>
        <Link className="button primary" to="new">{t('New department')}</Link>
      </div>
      <p className="hint">{t('Each department is a queue: mail to its addresses becomes its tickets.')}</p>
      <RequestError error={departments.error} />
      {departments.isPending && <p className="loading" role="status">{t('Loading…')}</p>}
      {departments.data?.length === 0 && <p className="empty">{t('No departments yet.')}</p>}
      {!!departments.data?.length && (
        <table className="mail-table">
          <thead><tr><th scope="col">{t('Name')}</th><th scope="col">{t('Addresses')}</th><th scope="col">{t('Default owner')}</th><th scope="col">{t('Default status')}</th><th scope="col">{t('Active')}</th></tr></thead>
          <tbody>
            {departments.data.map((d) => (
              <tr key={d.id}>
                <td data-label={t('Name')}><Link to={`${d.id}`}>{d.name}</Link> <span className="hint">{d.slug}</span></td>
                <td data-label={t('Addresses')}>{d.addresses.length ? d.addresses.join(', ') : <span className="hint">{t('No addresses')}</span>}</td>
                <td data-label={t('Default owner')}>{owner(d.default_owner)}</td>
                <td data-label={t('Default status')}>{t(STATUS_LABELS[d.default_status as keyof typeof STATUS_LABELS] ?? d.default_status)}</td>
                <td data-label={t('Active')}>{d.is_active ? t('Yes') : t('No')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
