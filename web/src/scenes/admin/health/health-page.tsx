/**
 * /tickets/admin/health/: the tenant's operating figures (what /readyz reports for the
 * whole installation), each with a link to the screen where it is dealt with. Backups
 * are the server operator's (parley backup, the daily backup) and are not shown here.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SystemHealth } from '../../../../../src/http/schemas/system-health.schema.ts';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useFormat } from '../../../hooks/use-format.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import './health.css';

export function HealthPage() {
  const { t } = useTranslation();
  useTitle(t('System health'));
  const health = useQuery({ queryKey: ['admin', 'system-health'], queryFn: () => api<SystemHealth>('GET', '/system-health/'), refetchInterval: 30_000 });
  const h = health.data;
  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title">{t('System health')}</h2>
      <p className="admin-muted">{t('Work waiting in the background, mail not yet delivered and mailboxes that need you. Figures are refreshed every 30 seconds.')}</p>
      {health.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={health.error} />
      {h && (
        <div className="health-grid">
          <Figures title={t('Background jobs')} link={{ to: '/admin/jobs/?status=failed', label: t('Open background jobs') }} rows={[
            { label: t('Jobs due, waiting to run'), value: h.jobs.due, since: h.jobs.oldest_due_at },
            { label: t('Jobs failed for good'), value: h.jobs.failed },
          ]} />
          <Figures title={t('Outgoing mail')} link={{ to: '/admin/outgoing-mail/', label: t('Open outgoing mail settings') }} rows={[
            { label: t('Mails due, not delivered yet'), value: h.outbound_mail.undelivered, since: h.outbound_mail.oldest_undelivered_at },
          ]} />
          <Figures title={t('Mailboxes')} link={{ to: '/admin/mailboxes/', label: t('Open mailboxes') }} rows={[
            { label: t('Mailboxes needing re-authorization'), value: h.mailboxes.needs_reauth },
          ]} />
        </div>
      )}
      <p className="admin-muted">{t('Backups of the whole installation are taken by the server operator (parley backup and the daily backup); they are not shown here.')}</p>
    </section>
  );
}

interface Row { label: string; value: number; since?: string | null }

function Figures({ title, rows, link }: { title: string; rows: Row[]; link: { to: string; label: string } }) {
  const { t } = useTranslation();
  const format = useFormat();
  const attention = rows.some((r) => r.value > 0);
  return (
    <section className={attention ? 'health-card attention' : 'health-card'} aria-label={title}>
      <h3>{title}</h3>
      <dl>
        {rows.map((r) => (
          <div key={r.label} className="health-row">
            <dt>{r.label}</dt>
            <dd>
              <strong>{r.value}</strong>
              {r.since && <span className="admin-muted"> {t('oldest since {{date}}', { date: format.date(r.since) })}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <p className="health-state">{attention ? t('Needs attention') : t('All clear')}</p>
      <Link to={link.to}>{link.label}</Link>
    </section>
  );
}
