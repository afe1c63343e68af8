/** What fires a trigger (its type and the type's options) and on which tickets (its conditions). */
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/field.tsx';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../../components/labels.ts';
import { useDepartments } from '../../../hooks/use-departments.ts';
import { useAllOrganisations } from '../users/users-queries.ts';
import { CHANNEL_LABELS, FIELD_LABELS, ORIGIN_LABELS, TARGET_LABELS, TRIGGER_TYPE_LABELS, type TriggerType } from './trigger-types.ts';

type Json = Record<string, unknown>;
interface Props { type: TriggerType; options: Json; onOptions: (o: Json) => void; errors: Record<string, string> }

/** A choice with "any" first (an absent option); the values with their words. */
function AnyOf({ id, label, labels, value, onChange, error }: { id: string; label: string; labels: Record<string, string>; value: unknown; onChange: (v: string | undefined) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={label} error={error}>
      <select value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{t('Any')}</option>
        {Object.entries(labels).map(([v, l]) => <option key={v} value={v}>{t(l)}</option>)}
      </select>
    </Field>
  );
}

/** The field of a change and, optionally, its value before and after: a choice for closed fields, a text otherwise. */
function FieldChange({ options, onOptions, errors }: Omit<Props, 'type'>) {
  const { t } = useTranslation();
  const field = typeof options.field === 'string' ? options.field : 'status';
  const closed = field === 'status' ? STATUS_LABELS : field === 'priority' ? PRIORITY_LABELS : null;
  const set = (key: string, v: string | undefined) => onOptions({ ...options, field, [key]: v });
  const value = (key: 'old' | 'new', label: string) => closed
    ? <AnyOf id={`trigger-${key}`} label={label} labels={closed} value={options[key]} onChange={(v) => set(key, v)} error={errors[`options.${key}`]} />
    : (
      <Field id={`trigger-${key}`} label={label} error={errors[`options.${key}`]} hint={t('Empty: any value.')}>
        <input type="text" value={typeof options[key] === 'string' ? options[key] as string : ''} onChange={(e) => set(key, e.target.value || undefined)} />
      </Field>
    );
  return (
    <>
      <Field id="trigger-field" label={t('Field')} error={errors['options.field']}>
        <select value={field} onChange={(e) => onOptions({ field: e.target.value })}>
          {Object.entries(FIELD_LABELS).map(([v, l]) => <option key={v} value={v}>{t(l)}</option>)}
        </select>
      </Field>
      {value('old', t('Old value'))}
      {value('new', t('New value'))}
    </>
  );
}

export function TriggerOptions({ type, options, onOptions, errors }: Props) {
  const { t } = useTranslation();
  switch (type) {
    case 'TICKET_FIELD_CHANGE': return <FieldChange options={options} onOptions={onOptions} errors={errors} />;
    case 'NEW_TICKET_CREATED':
      return (
        <Field id="trigger-origin" label={t('Opened by')} error={errors['options.origin']}>
          <select value={typeof options.origin === 'string' ? options.origin : 'both'} onChange={(e) => onOptions({ origin: e.target.value })}>
            {Object.entries(ORIGIN_LABELS).map(([v, l]) => <option key={v} value={v}>{t(l)}</option>)}
          </select>
        </Field>
      );
    case 'CLOSE_TICKET':
      return <AnyOf id="trigger-from-status" label={t('Status before closing')} labels={STATUS_LABELS} value={options.from_status} onChange={(v) => onOptions({ from_status: v })} error={errors['options.from_status']} />;
    case 'CLOSE_TICKET_REMINDER':
      return <AnyOf id="trigger-status" label={t('Status')} labels={STATUS_LABELS} value={options.status} onChange={(v) => onOptions({ status: v })} error={errors['options.status']} />;
    default:
      return <AnyOf id="trigger-target" label={t('SLA target')} labels={TARGET_LABELS} value={options.target} onChange={(v) => onOptions({ target: v })} error={errors['options.target']} />;
  }
}

export function TriggerTypeSelect({ value, onChange }: { value: TriggerType; onChange: (t: TriggerType) => void }) {
  const { t } = useTranslation();
  return (
    <Field id="trigger-type" label={t('When')}>
      <select value={value} onChange={(e) => onChange(e.target.value as TriggerType)}>
        {Object.entries(TRIGGER_TYPE_LABELS).map(([v, l]) => <option key={v} value={v}>{t(l)}</option>)}
      </select>
    </Field>
  );
}

/** Checkboxes for one list condition; none checked is no condition. */
function Checks<V extends string | number>({ legend, values, chosen, onChange }: { legend: string; values: Array<[V, string]>; chosen: V[]; onChange: (v: V[]) => void }) {
  const toggle = (v: V) => onChange(chosen.includes(v) ? chosen.filter((x) => x !== v) : [...chosen, v]);
  return (
    <fieldset className="trigger-checks">
      <legend>{legend}</legend>
      {values.map(([v, label]) => <label key={String(v)} className="admin-check"><input type="checkbox" checked={chosen.includes(v)} onChange={() => toggle(v)} /> {label}</label>)}
    </fieldset>
  );
}

export function TriggerConditions({ conditions, onChange, errors }: { conditions: Json; onChange: (c: Json) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const organisations = useAllOrganisations();
  const list = <T,>(key: string) => (Array.isArray(conditions[key]) ? conditions[key] as T[] : []);
  const set = (key: string, v: unknown[]) => onChange({ ...conditions, [key]: v.length ? v : undefined });
  return (
    <fieldset className="trigger-section">
      <legend>{t('Only for tickets that match')}</legend>
      <p className="admin-muted">{t('Nothing chosen in a list: any value.')}</p>
      <Checks legend={t('Department')} values={(departments.data ?? []).map((d) => [d.id, d.name])} chosen={list<number>('department_ids')} onChange={(v) => set('department_ids', v)} />
      <Checks legend={t('Priority')} values={Object.entries(PRIORITY_LABELS).map(([v, l]) => [v, t(l)])} chosen={list<string>('priorities')} onChange={(v) => set('priorities', v)} />
      <Checks legend={t('Channel')} values={Object.entries(CHANNEL_LABELS).map(([v, l]) => [v, t(l)])} chosen={list<string>('channels')} onChange={(v) => set('channels', v)} />
      {(organisations.data?.results.length ?? 0) > 0 && (
        <Checks legend={t("Requester's organisation")} values={organisations.data!.results.map((o) => [o.id, o.name])} chosen={list<string>('organisation_ids')} onChange={(v) => set('organisation_ids', v)} />
      )}
      <Field id="trigger-tags" label={t('Has one of these tags')} hint={t('Separate them with commas.')} error={errors.conditions}>
        <input type="text" value={list<string>('tags').join(', ')} onChange={(e) => set('tags', e.target.value.split(',').map((s) => s.trim()).filter(Boolean))} />
      </Field>
    </fieldset>
  );
}
