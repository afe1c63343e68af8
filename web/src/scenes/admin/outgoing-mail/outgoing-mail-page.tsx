/**
 * /tickets/admin/outgoing-mail/: how the tenant's mail goes out (its SMTP server, or a
 * mailbox connected by OAuth2), each department's override, a test mail, whether mail is
 * waiting for a transport, and the DKIM key with the DNS record to publish.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useParams } from 'react-router';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useDepartments } from '../../../hooks/use-departments.ts';
import { useFormat } from '../../../hooks/use-format.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import type { OutgoingMail } from '../mail-shared/types.ts';
import { DkimSection } from './dkim-section.tsx';
import { TransportForm } from './transport-form.tsx';
import '../mail-shared/admin-mail.css';

export const outgoingKey = (department: number | null) => ['admin', 'outgoing-mail', department ?? 'tenant'] as const;
export const outgoingPath = (department: number | null) => (department === null ? '/outgoing-mail/' : `/departments/${department}/outgoing-mail/`);

export function useOutgoingMail(department: number | null) {
  return useQuery({ queryKey: outgoingKey(department), queryFn: () => api<OutgoingMail>('GET', outgoingPath(department)) });
}

export const EFFECTIVE_LABELS: Record<OutgoingMail['effective'], string> = {
  department: 'its own setting', tenant: 'the helpdesk setting', install: 'the server default (SMTP_URL)', none: 'nothing: mail waits',
};

export function OutgoingMailPage() {
  return (
    <Routes>
      <Route index element={<TenantOutgoing />} />
      <Route path="departments/:id" element={<DepartmentOutgoing />} />
    </Routes>
  );
}

function TenantOutgoing() {
  const { t } = useTranslation();
  const { date } = useFormat();
  useTitle(t('Outgoing mail'));
  const state = useOutgoingMail(null);
  return (
    <section className="mail-admin" aria-labelledby="outgoing-title">
      <h2 id="outgoing-title">{t('Outgoing mail')}</h2>
      <RequestError error={state.error} />
      {state.data?.waiting && (
        <p className="mail-callout" role="alert">
          {t('Mail is waiting since {{date}}: {{n}} messages cannot go out until a transport is set.', { date: date(state.data.waiting.since), n: state.data.waiting.queued })}
        </p>
      )}
      {state.data && (
        <p>{t('Mail of this helpdesk goes out through {{what}}.', { what: t(EFFECTIVE_LABELS[state.data.effective]) })}</p>
      )}
      {state.data && <TransportForm department={null} state={state.data} />}
      <DepartmentOverrides />
      <DkimSection />
    </section>
  );
}

function DepartmentOverrides() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const states = useQueries({
    queries: (departments.data ?? []).map((d) => ({ queryKey: outgoingKey(d.id), queryFn: () => api<OutgoingMail>('GET', outgoingPath(d.id)) })),
  });
  if (!departments.data?.length) return null;
  return (
    <section aria-labelledby="overrides-title">
      <h3 id="overrides-title">{t('Departments')}</h3>
      <p className="hint">{t('A department can send through its own server instead, e.g. from its own address.')}</p>
      <table className="mail-table">
        <thead><tr><th scope="col">{t('Department')}</th><th scope="col">{t('Sends through')}</th></tr></thead>
        <tbody>
          {departments.data.map((d, i) => {
            const s = states[i]?.data;
            return (
              <tr key={d.id}>
                <td data-label={t('Department')}><Link to={`departments/${d.id}`}>{d.name}</Link></td>
                <td data-label={t('Sends through')}>
                  {s ? (s.setting ? describe(t, s) : t('The helpdesk setting')) : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function describe(t: (k: string, o?: Record<string, unknown>) => string, s: OutgoingMail): string {
  if (!s.setting) return '';
  return s.setting.kind === 'smtp' ? t('SMTP server {{host}}', { host: s.setting.host ?? '' }) : t('A connected mailbox');
}

function DepartmentOutgoing() {
  const { t } = useTranslation();
  const { id } = useParams();
  const department = Number(id);
  const departments = useDepartments();
  const name = departments.data?.find((d) => d.id === department)?.name ?? '';
  useTitle(name ? t('Outgoing mail of {{name}}', { name }) : undefined);
  const state = useOutgoingMail(department);
  return (
    <section className="mail-admin" aria-labelledby="dept-outgoing-title">
      <p><Link to="../.." relative="path">{t('Outgoing mail')}</Link></p>
      <h2 id="dept-outgoing-title">{t('Outgoing mail of {{name}}', { name })}</h2>
      <RequestError error={state.error} />
      {state.data && <p>{t('Mail of this department goes out through {{what}}.', { what: t(EFFECTIVE_LABELS[state.data.effective]) })}</p>}
      {state.data && <TransportForm department={department} state={state.data} />}
    </section>
  );
}
