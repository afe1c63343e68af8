/** /tickets/admin/mailboxes/: the mailboxes Parley fetches mail from, their state, and each one's settings. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useDepartments } from '../../../hooks/use-departments.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import type { Mailbox } from '../mail-shared/types.ts';
import { MailboxForm } from './mailbox-form.tsx';
import { KIND_LABELS } from './mailbox-labels.ts';
import { MailboxState } from './mailbox-state.tsx';
import '../mail-shared/admin-mail.css';

export const mailboxesKey = ['admin', 'mailboxes'] as const;

export function useMailboxes() {
  return useQuery({ queryKey: mailboxesKey, queryFn: () => api<Mailbox[]>('GET', '/mailboxes/') });
}

export function MailboxesPage() {
  return (
    <Routes>
      <Route index element={<MailboxList />} />
      <Route path="new" element={<MailboxForm />} />
      <Route path=":id" element={<MailboxForm />} />
    </Routes>
  );
}

/** Where the mailbox lives, in one line: user@host:port, or the account of an API mailbox. */
export function mailboxAddress(m: Mailbox): string {
  if (m.host) return `${m.username ?? ''}${m.username ? ' @ ' : ''}${m.host}${m.port ? `:${m.port}` : ''}`;
  return m.username ?? '';
}

function MailboxList() {
  const { t } = useTranslation();
  useTitle(t('Mailboxes'));
  const mailboxes = useMailboxes();
  const departments = useDepartments();
  const department = (id: number | null) => (id === null ? t('By address') : departments.data?.find((d) => d.id === id)?.name ?? String(id));
  return (
    <section className="mail-admin" aria-labelledby="mailboxes-title">
      <div className="mail-head">
        <h2 id="mailboxes-title">{t('Mailboxes')}</h2>
        <Link className="button primary" to="new">{t('New mailbox')}</Link>
      </div>
      <p className="hint">{t('Parley fetches mail from these mailboxes and turns it into tickets and replies.')}</p>
      <RequestError error={mailboxes.error} />
      {mailboxes.isPending && <p className="loading" role="status">{t('Loading…')}</p>}
      {mailboxes.data?.length === 0 && <p className="empty">{t('No mailboxes yet.')}</p>}
      {!!mailboxes.data?.length && (
        <table className="mail-table">
          <thead><tr><th scope="col">{t('Name')}</th><th scope="col">{t('Kind')}</th><th scope="col">{t('Account')}</th><th scope="col">{t('Department')}</th><th scope="col">{t('Status')}</th></tr></thead>
          <tbody>
            {mailboxes.data.map((m) => (
              <tr key={m.id}>
                <td data-label={t('Name')}><Link to={m.id}>{m.name}</Link></td>
                <td data-label={t('Kind')}>{t(KIND_LABELS[m.kind] ?? m.kind)}</td>
                <td data-label={t('Account')}>{mailboxAddress(m)}</td>
                <td data-label={t('Department')}>{department(m.department)}</td>
                <td data-label={t('Status')}><MailboxState mailbox={m} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
