/**
 * The form of an action's config, drawn from the JSON Schema the server gives for its type
 * (GET /trigger-action-types/), so a plugin's action gets a form without code here: text,
 * numbers, choices, lists of words (comma-separated), a choice between variants (change a
 * field: which field, then its value); anything else is edited as JSON.
 */
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/field.tsx';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../../components/labels.ts';
import { useDepartments } from '../../../hooks/use-departments.ts';
import { useStaff } from '../departments/use-staff.ts';
import { FIELD_LABELS, RECIPIENT_LABELS, SETTING_LABELS } from './trigger-types.ts';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  maxLength?: number;
  format?: string;
  description?: string;
}

type Config = Record<string, unknown>;
interface Props { id: string; schema: JsonSchema; value: Config; onChange: (c: Config) => void; errors: Record<string, string>; errorPrefix: string }

/** The words of a closed value: statuses, priorities, recipients, fields; else the value itself. */
const VALUE_LABELS: Record<string, string> = { ...RECIPIENT_LABELS, ...FIELD_LABELS, ...PRIORITY_LABELS, ...STATUS_LABELS };

/** The branch key of a choice between object variants (`field` of change_field), if the schema is one. */
function discriminator(schema: JsonSchema): { key: string; branches: JsonSchema[] } | null {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches?.length) return null;
  const key = Object.keys(branches[0].properties ?? {}).find((k) => branches.every((b) => b.properties?.[k]?.const !== undefined));
  return key ? { key, branches } : null;
}

export function ConfigFields(p: Props) {
  const { t } = useTranslation();
  const choice = discriminator(p.schema);
  if (choice) {
    const current = choice.branches.find((b) => b.properties![choice.key].const === p.value[choice.key]) ?? choice.branches[0];
    const pick = (v: string) => p.onChange({ [choice.key]: v });
    return (
      <>
        <Field id={`${p.id}-${choice.key}`} label={t(SETTING_LABELS[choice.key] ?? choice.key)} error={p.errors[`${p.errorPrefix}.${choice.key}`]}>
          <select value={String(current.properties![choice.key].const)} onChange={(e) => pick(e.target.value)}>
            {choice.branches.map((b) => { const v = String(b.properties![choice.key].const); return <option key={v} value={v}>{t(VALUE_LABELS[v] ?? v)}</option>; })}
          </select>
        </Field>
        <Properties {...p} schema={current} value={{ ...p.value, [choice.key]: current.properties![choice.key].const }} skip={choice.key} />
      </>
    );
  }
  return <Properties {...p} skip={null} />;
}

function Properties(p: Props & { skip: string | null }) {
  return (
    <>
      {Object.entries(p.schema.properties ?? {}).filter(([name]) => name !== p.skip).map(([name, prop]) => (
        <Setting key={name} name={name} prop={prop} {...p} />
      ))}
    </>
  );
}

/** The schema without its `null` alternative (a nullable value: empty means null). */
function nonNull(prop: JsonSchema): { prop: JsonSchema; nullable: boolean } {
  const alternatives = prop.anyOf?.filter((a) => a.type !== 'null');
  if (alternatives && alternatives.length === 1 && prop.anyOf!.length === 2) return { prop: { ...alternatives[0], description: prop.description }, nullable: true };
  return { prop, nullable: false };
}

function Setting({ name, prop: raw, id, value, onChange, errors, errorPrefix }: Props & { name: string; prop: JsonSchema }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const staff = useStaff();
  const { prop, nullable } = nonNull(raw);
  const fieldId = `${id}-${name}`;
  const label = t(SETTING_LABELS[name] ?? name);
  const error = errors[`${errorPrefix}.${name}`];
  const set = (v: unknown) => onChange({ ...value, [name]: v });
  const current = value[name];
  const isAgent = name === 'assignee_id' || (name === 'value' && value.field === 'assignee');

  if (isAgent) {
    return (
      <Field id={fieldId} label={t('Agent')} error={error}>
        <select value={typeof current === 'string' ? current : ''} onChange={(e) => set(e.target.value || null)}>
          <option value="">{t('Nobody')}</option>
          {staff.data?.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </Field>
    );
  }
  if (name === 'value' && value.field === 'department') {
    return (
      <Field id={fieldId} label={t('Department')} error={error}>
        <select value={typeof current === 'number' ? String(current) : ''} onChange={(e) => set(Number(e.target.value))}>
          <option value="" disabled>{t('Choose…')}</option>
          {departments.data?.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select>
      </Field>
    );
  }
  if (prop.enum) {
    return (
      <Field id={fieldId} label={label} error={error}>
        <select value={typeof current === 'string' ? current : ''} onChange={(e) => set(e.target.value)}>
          <option value="" disabled>{t('Choose…')}</option>
          {prop.enum.map((v) => <option key={String(v)} value={String(v)}>{t(VALUE_LABELS[String(v)] ?? String(v))}</option>)}
        </select>
      </Field>
    );
  }
  if (prop.type === 'string') {
    const text = typeof current === 'string' ? current : '';
    const onText = (v: string) => set(v === '' && nullable ? null : v);
    return (
      <Field id={fieldId} label={label} error={error} hint={prop.description}>
        {name === 'body' || (prop.maxLength ?? 0) > 2000
          ? <textarea rows={4} value={text} onChange={(e) => onText(e.target.value)} />
          : <input type={prop.format === 'email' ? 'email' : prop.format === 'uri' ? 'url' : 'text'} value={text} onChange={(e) => onText(e.target.value)} />}
      </Field>
    );
  }
  if (prop.type === 'integer' || prop.type === 'number') {
    return (
      <Field id={fieldId} label={label} error={error} hint={prop.description}>
        <input type="number" value={typeof current === 'number' ? current : ''} onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))} />
      </Field>
    );
  }
  if (prop.type === 'boolean') {
    return (
      <label className="admin-check"><input type="checkbox" checked={current === true} onChange={(e) => set(e.target.checked)} /> {label}</label>
    );
  }
  if (prop.type === 'array' && prop.items?.type === 'string') {
    const list = Array.isArray(current) ? current.join(', ') : '';
    return (
      <Field id={fieldId} label={label} error={error} hint={t('Separate them with commas.')}>
        <input type="text" value={list} onChange={(e) => set(e.target.value.split(',').map((s) => s.trim()).filter(Boolean))} />
      </Field>
    );
  }
  return <JsonSetting id={fieldId} label={label} error={error} value={current} onChange={set} />;
}

/** A setting the form cannot draw (a list of objects, say): edited as JSON, kept as text until it parses. */
function JsonSetting({ id, label, error, value, onChange }: { id: string; label: string; error?: string; value: unknown; onChange: (v: unknown) => void }) {
  const { t } = useTranslation();
  const parse = (text: string) => {
    try { onChange(JSON.parse(text)); } catch { onChange(text); }
  };
  return (
    <Field id={id} label={label} error={error} hint={t('In JSON.')}>
      <textarea rows={5} className="trigger-json" value={typeof value === 'string' ? value : JSON.stringify(value ?? null, null, 2)} onChange={(e) => parse(e.target.value)} />
    </Field>
  );
}
