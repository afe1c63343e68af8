/**
 * Pages load when first opened, each in its own file: the first load carries the app's
 * frame and the page asked for, not every page (a customer signing in never downloads the
 * admin screens or the agent's tools): lazyPage(() => import("./users-page.tsx"), "UsersPage").
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';

export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

/** What shows while a page's file arrives. */
export function PageLoading() {
  const { t } = useTranslation();
  return <p className="loading" role="status">{t('Loading…')}</p>;
}
