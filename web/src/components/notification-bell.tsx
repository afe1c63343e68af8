/**
 * The bell in the header: "Notifications, 3 unread" opens the newest notifications
 * (GET /tickets/api/notifications/, docs/notifications.md), unread ones marked; each
 * links to what it is about and is marked read when followed; "Mark all as read". The
 * count stays live: a `notification.created` on the stream re-reads it (use-live-updates.ts),
 * and reading in one tab tells the others.
 */
import * as Popover from '@radix-ui/react-popover';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useFormat } from '../hooks/use-format.ts';
import { notificationsKey, tellOtherTabs } from '../hooks/use-live-updates.ts';
import { notificationText, type AppNotification } from './notification-text.ts';
import { RequestError } from './request-error.tsx';
import './notification-bell.css';

interface NotificationPage { results: AppNotification[]; next_cursor: string | null; unread_count: number }

const SHOWN = 20;

/** Where a notification leads: its ticket, or the admin area for the install's mail. */
/** Where a notification leads: its ticket, or the admin screen of what it is about. */
function targetOf(n: AppNotification): string {
  if (n.ticket_id) return `/${n.ticket_id}/`;
  if (n.subject.type === 'mailbox') return '/admin/mailboxes/';
  if (n.subject.type === 'outgoing_mail') return '/admin/outgoing-mail/';
  if (n.subject.type === 'webhook') return `/admin/webhooks/${n.subject.id}/`;
  return '/admin/';
}

export function NotificationBell() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery({ queryKey: notificationsKey, queryFn: () => api<NotificationPage>('GET', `/notifications/?limit=${SHOWN}`) });
  const unread = list.data?.unread_count ?? 0;

  const settle = () => {
    void queryClient.invalidateQueries({ queryKey: notificationsKey });
    tellOtherTabs(notificationsKey);
  };
  /** Marks read in the cache at once (the count too); the answer or a refetch corrects it. */
  const markLocally = (ids: 'all' | string) => queryClient.setQueryData<NotificationPage>(notificationsKey, (page) => {
    if (!page) return page;
    const now = new Date().toISOString();
    const hit = (n: AppNotification) => !n.read_at && (ids === 'all' || n.id === ids);
    const marked = page.results.filter(hit).length;
    return {
      ...page, results: page.results.map((n) => (hit(n) ? { ...n, read_at: now } : n)),
      unread_count: ids === 'all' ? 0 : Math.max(0, page.unread_count - marked),
    };
  });
  const readOne = useMutation({
    mutationFn: (id: string) => api('POST', `/notifications/${id}/read/`),
    onMutate: (id) => markLocally(id),
    onSettled: settle,
  });
  const readAll = useMutation({
    mutationFn: () => api('POST', '/notifications/read-all/'),
    onMutate: () => markLocally('all'),
    onSettled: settle,
  });

  const label = unread > 0 ? t('Notifications, {{count}} unread', { count: unread }) : t('Notifications');
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button type="button" className="button bell" aria-label={label}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" className="bell-icon">
            <path d="M12 2a6 6 0 0 0-6 6v3.6L4.3 15A1 1 0 0 0 5.2 16.5h13.6a1 1 0 0 0 .9-1.5L18 11.6V8a6 6 0 0 0-6-6Zm0 20a3 3 0 0 0 2.8-2H9.2A3 3 0 0 0 12 22Z" />
          </svg>
          {unread > 0 && <span className="bell-count" aria-hidden="true">{unread > 99 ? '99+' : unread}</span>}
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="bell-panel" align="end" sideOffset={6} collisionPadding={8} aria-labelledby="bell-title">
          <div className="bell-head">
            <h2 id="bell-title">{t('Notifications')}</h2>
            <button type="button" className="button" disabled={unread === 0 || readAll.isPending} onClick={() => readAll.mutate()}>{t('Mark all as read')}</button>
          </div>
          <RequestError error={list.error ?? readAll.error ?? readOne.error} />
          {list.isPending && <p role="status">{t('Loading…')}</p>}
          {list.data?.results.length === 0 && <p className="empty">{t('No notifications yet.')}</p>}
          {list.data && list.data.results.length > 0 && (
            <ul className="bell-list">
              {list.data.results.map((n) => (
                <li key={n.id} className={n.read_at ? 'bell-item' : 'bell-item unread'}>
                  <Link to={targetOf(n)} onClick={() => { if (!n.read_at) readOne.mutate(n.id); setOpen(false); }}>
                    {!n.read_at && <span className="visually-hidden">{t('Unread:')} </span>}
                    {notificationText(t, n)}
                  </Link>
                  <small className="bell-meta">
                    {n.actor && <>{n.actor.name} · </>}
                    <time dateTime={n.created_at}>{format.date(n.created_at)}</time>
                  </small>
                </li>
              ))}
            </ul>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
