/**
 * The frame of every signed-in page: the header with the way home, "New ticket", who is
 * signed in and "Sign out". Unsigned visitors are sent to the sign-in page, and come back after.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useLiveUpdates } from '../hooks/use-live-updates.ts';
import { isStaff, useSession, useSignOut } from '../hooks/use-session.ts';
import { pickLanguage } from '../i18n/index.ts';
import { useShortcutListener } from '../shortcuts/use-shortcut.ts';
import { RequestError } from './request-error.tsx';

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const signOut = useSignOut();
  const location = useLocation();
  const navigate = useNavigate();
  const me = session.data;
  useLiveUpdates(Boolean(me));
  useShortcutListener();

  useEffect(() => {
    if (me) void i18n.changeLanguage(pickLanguage([me.language, ...navigator.languages, me.tenant.language]));
  }, [me, i18n]);

  if (session.isPending) return <p className="loading" role="status">{t('Loading…')}</p>;
  if (session.isError) return <RequestError error={session.error} />;
  if (!me) return <Navigate to="/sign-in/" replace state={{ from: location.pathname + location.search }} />;

  return (
    <div className="app">
      <header className="app-header">
        <Link to="/" className="brand">{me.tenant.name}</Link>
        <nav aria-label={t('Main')}>
          <Link to="/">{isStaff(me) ? t('Tickets') : t('My tickets')}</Link>
          {me.role === 'admin' && <Link to="/admin/">{t('Administration')}</Link>}
          <Link to="/new/" className="button primary">{t('New ticket')}</Link>
        </nav>
        <div className="who">
          <span>{me.name}</span>
          <button type="button" className="button" disabled={signOut.isPending}
            onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in/') })}>{t('Sign out')}</button>
        </div>
      </header>
      <main className="app-main"><Outlet /></main>
    </div>
  );
}
