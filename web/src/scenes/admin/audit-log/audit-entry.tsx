/** One audit log entry in words: when, who, what, to which thing; its details (changes, request) expandable. */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../hooks/use-format.ts';
import type { AdminUser, AuditEvent } from '../people-shared/types.ts';
import { SETTING_TEXTS } from '../settings/setting-texts.ts';
import { eventLabel, SOURCE_LABELS } from './event-labels.ts';

interface AuditEntryProps { event: AuditEvent; people: Map<string, AdminUser> }

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const short = (v: unknown): string => { const s = JSON.stringify(v); return s && s.length > 80 ? `${s.slice(0, 77)}…` : s ?? '—'; };

export function AuditEntry({ event, people }: AuditEntryProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const actor = event.actor_id ? people.get(event.actor_id)?.name ?? t('Someone (account {{id}})', { id: event.actor_id.slice(0, 8) }) : t('The system');
  const label = eventLabel(event.name);
  const changes = event.payload.changes && typeof event.payload.changes === 'object' && !Array.isArray(event.payload.changes)
    ? Object.entries(event.payload.changes as Record<string, unknown>) : [];
  return (
    <li className="audit-entry">
      <div className="audit-line">
        <time dateTime={event.created_at}>{format.date(event.created_at)}</time>
        <span><strong>{actor}</strong> · {label ? t(label) : event.name} <AuditSubject event={event} people={people} /></span>
      </div>
      <details>
        <summary>{t('Details')}</summary>
        <dl className="audit-details">
          <dt>{t('Event')}</dt><dd><code>{event.name}</code></dd>
          <dt>{t('From')}</dt><dd>{t(SOURCE_LABELS[event.source] ?? event.source)}</dd>
          {event.request_id && <><dt>{t('Request')}</dt><dd><code>{event.request_id}</code></dd></>}
          {changes.map(([key, change]) => {
            const text = (SETTING_TEXTS as Record<string, { label: string } | undefined>)[key];
            const c = change as { old?: unknown; new?: unknown } | null;
            const pair = c && typeof c === 'object' && 'new' in c;
            return (
              <Fragment key={key}>
                <dt>{text ? t(text.label) : key}</dt>
                <dd>{pair ? t('{{old}} → {{new}}', { old: short(c.old), new: short(c.new) }) : short(change)}</dd>
              </Fragment>
            );
          })}
        </dl>
        {changes.length === 0 && Object.keys(event.payload).length > 0 && <pre className="audit-payload">{JSON.stringify(event.payload, null, 2)}</pre>}
      </details>
    </li>
  );
}

/** The thing acted on, as a link where the admin area or the app shows it. */
function AuditSubject({ event, people }: AuditEntryProps) {
  const { t } = useTranslation();
  const p = event.payload;
  switch (event.subject_type) {
    case 'ticket':
      return <Link to={`/${event.subject_id}/`}>{str(p.number) ?? t('the ticket')}</Link>;
    case 'user':
      return <Link to={`/admin/users/${event.subject_id}/`}>{people.get(event.subject_id)?.name ?? str(p.email) ?? t('the account')}</Link>;
    case 'organisation':
      return <Link to={`/admin/organisations/${event.subject_id}/`}>{str(p.name) ?? t('the organisation')}</Link>;
    case 'mail_template':
      return <Link to={`/admin/templates/${event.subject_id}/`}>{event.subject_id}</Link>;
    case 'tenant': {
      const keys = p.changes && typeof p.changes === 'object' ? Object.keys(p.changes) : [];
      const names = keys.map((k) => { const text = (SETTING_TEXTS as Record<string, { label: string } | undefined>)[k]; return text ? t(text.label) : k; });
      return names.length ? <span>({names.join(', ')})</span> : null;
    }
    case 'api_token':
      return <span>{str(p.name) ?? ''}</span>;
    case 'job':
      return <Link to="/admin/jobs/">{t('job {{id}}', { id: event.subject_id })}</Link>;
    default:
      return <span className="admin-muted">{str(p.name) ?? event.subject_type}</span>;
  }
}
