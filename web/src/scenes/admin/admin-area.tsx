/**
 * The admin area at /tickets/admin/: a menu of the sections (admin-sections.ts) beside the
 * open one. Only admins get here; anyone else gets "not found", as the API would answer.
 */
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/not-found-page.tsx';
import { useSession } from '../../hooks/use-session.ts';
import { useTitle } from '../../hooks/use-title.ts';
import { ADMIN_SECTIONS } from './admin-sections.ts';
import './admin.css';

export function AdminArea() {
  const { t } = useTranslation();
  const me = useSession().data;
  useTitle(t('Administration'));
  if (me?.role !== 'admin') return <NotFoundPage />;
  return (
    <div className="admin">
      <nav className="admin-menu" aria-label={t('Administration')}>
        <h1>{t('Administration')}</h1>
        <ul>
          {ADMIN_SECTIONS.map((s) => <li key={s.path}><NavLink to={`/admin/${s.path}/`}>{t(s.label)}</NavLink></li>)}
        </ul>
      </nav>
      <div className="admin-page">
        <Suspense fallback={<p className="loading" role="status">{t('Loading…')}</p>}>
          <Routes>
            {ADMIN_SECTIONS[0] && <Route index element={<Navigate to={`/admin/${ADMIN_SECTIONS[0].path}/`} replace />} />}
            {ADMIN_SECTIONS.map((s) => <Route key={s.path} path={`${s.path}/*`} element={<s.page />} />)}
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </div>
    </div>
  );
}
