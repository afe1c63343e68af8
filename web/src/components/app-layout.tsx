/**
 * The frame of every signed-in page: the header (the way home, "New ticket", the
 * notification bell, the person's name leading to their profile, "Sign out"), the live
 * stream shared by the browser's tabs, and the global keyboard shortcuts with their cheat
 * sheet (`?`). Unsigned visitors are sent to the sign-in page, and come back after.
 */
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { PageLoading } from './lazy-page.tsx';
import { useLiveUpdates } from '../hooks/use-live-updates.ts';
import { isStaff, useSession, useSignOut } from '../hooks/use-session.ts';
import { pickLanguage, showLanguage } from '../i18n/index.ts';
import { CheatSheet, setCheatSheetOpen } from '../shortcuts/cheat-sheet.tsx';
import { useShortcut, useShortcutListener } from '../shortcuts/use-shortcut.ts';
import { NotificationBell } from './notification-bell.tsx';
import { RequestError } from './request-error.tsx';
import './app-layout.css';

const GENERAL = 'General';

/** The shortcuts every page answers to (a page may take over a key: the latest registration wins). */
function useGlobalShortcuts(signedIn: boolean) {
  const navigate = useNavigate();
  useShortcut({ key: '?', description: 'Show the keyboard shortcuts', group: GENERAL }, () => setCheatSheetOpen(true), signedIn);
  useShortcut({ key: 'c', description: 'Open a new ticket', group: GENERAL }, () => navigate('/new/'), signedIn);
  useShortcut({ key: 't', description: 'Go to the tickets', group: GENERAL }, () => navigate('/'), signedIn);
}

export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const signOut = useSignOut();
  const location = useLocation();
  const navigate = useNavigate();
  const me = session.data;
  useLiveUpdates(me?.id ?? null);
  useShortcutListener();
  useGlobalShortcuts(Boolean(me));

  useEffect(() => {
    if (me) void showLanguage(pickLanguage([me.language, ...navigator.languages, me.tenant.language]));
  }, [me]);

  if (session.isPending) return <p className="loading" role="status">{t('Loading…')}</p>;
  if (session.isError) return <RequestError error={session.error} />;
  if (!me) return <Navigate to="/sign-in/" replace state={{ from: location.pathname + location.search }} />;

  return (
    <div className="app">
      <header className="app-header">
        <Link to="/" className="brand">{me.tenant.name}</Link>
        <nav aria-label={t('Main')}>
          <Link to="/">{isStaff(me) ? t('Tickets') : t('My tickets')}</Link>
          <Link to="/dashboard/" aria-current={location.pathname.startsWith('/dashboard') ? 'page' : undefined}>{t('Dashboard')}</Link>
          {me.role === 'admin' && <Link to="/admin/">{t('Administration')}</Link>}
          <Link to="/new/" className="button primary">{t('New ticket')}</Link>
        </nav>
        <div className="who">
          <NotificationBell />
          <Link to="/profile/" className="profile-link" aria-current={location.pathname.startsWith('/profile') ? 'page' : undefined}>
            {me.name}<span className="visually-hidden"> {t('(your profile)')}</span>
          </Link>
          <button type="button" className="button" disabled={signOut.isPending}
            onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in/') })}>{t('Sign out')}</button>
        </div>
      </header>
      <main className="app-main"><Suspense fallback={<PageLoading />}><Outlet /></Suspense></main>
      <CheatSheet />
    </div>
  );
}
