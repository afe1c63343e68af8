/** The fields of a webhook, for adding one and for changing it: the URL, the events, the format, a description. */
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/field.tsx';
import { EVENT_LABELS, FORMAT_LABELS, type Webhook } from './webhook-types.ts';

export interface WebhookDraft { url: string; events: string[]; format: Webhook['format']; description: string }

export const emptyDraft = (): WebhookDraft => ({ url: '', events: ['ticket.created'], format: 'standard', description: '' });

export function WebhookFields({ id, draft, onChange, errors }: { id: string; draft: WebhookDraft; onChange: (d: WebhookDraft) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const toggle = (event: string) => onChange({ ...draft, events: draft.events.includes(event) ? draft.events.filter((e) => e !== event) : [...draft.events, event] });
  return (
    <>
      <Field id={`${id}-url`} label={t('URL')} error={errors.url} hint={t('Where Parley sends each message (https). Internal addresses are refused unless the operator allowed them.')}>
        <input type="url" inputMode="url" maxLength={2000} required value={draft.url} onChange={(e) => onChange({ ...draft, url: e.target.value })} placeholder="https://hooks.example.com/parley" />
      </Field>
      <fieldset className="webhook-events" aria-describedby={errors.events ? `${id}-events-error` : undefined}>
        <legend>{t('Send a message when')}</legend>
        {Object.entries(EVENT_LABELS).map(([event, label]) => (
          <label key={event} className="admin-check">
            <input type="checkbox" checked={draft.events.includes(event)} onChange={() => toggle(event)} /> {t(label)} <code className="admin-muted">{event}</code>
          </label>
        ))}
        {errors.events && <p id={`${id}-events-error`} className="field-error">{errors.events}</p>}
      </fieldset>
      <Field id={`${id}-format`} label={t('Format')} error={errors.format}>
        <select value={draft.format} onChange={(e) => onChange({ ...draft, format: e.target.value as Webhook['format'] })}>
          {Object.entries(FORMAT_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
        </select>
      </Field>
      <Field id={`${id}-description`} label={t('Description (optional)')} error={errors.description}>
        <input type="text" maxLength={500} value={draft.description} onChange={(e) => onChange({ ...draft, description: e.target.value })} />
      </Field>
    </>
  );
}
