/** One setting's control, chosen by its kind in setting-texts.ts, with its label, explanation and error. */
import * as Switch from '@radix-ui/react-switch';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/field.tsx';
import { ListEditor } from '../people-shared/list-editor.tsx';
import type { SettingKey } from '../people-shared/types.ts';
import { NotificationsMap, OutgoingMap, SlaTable } from './setting-tables.tsx';
import { bytesToMegabytes, megabytesToBytes } from './settings-diff.ts';
import { SETTING_TEXTS } from './setting-texts.ts';

interface SettingControlProps {
  name: SettingKey;
  value: unknown;
  onChange: (value: unknown) => void;
  /** The server's message for this setting (any part of it), shown as given. */
  error?: string;
}

/** A number input's value back to a number; empty stays null so the server names the field. */
const numberOf = (s: string): number | null => (s.trim() === '' ? null : Number(s));

export function SettingControl({ name, value, onChange, error }: SettingControlProps) {
  const { t } = useTranslation();
  const { control, label, description } = SETTING_TEXTS[name];
  const id = `setting-${name}`;
  const hint = t(description);
  switch (control.kind) {
    case 'switch':
      return (
        <div className="field setting-switch">
          <div className="setting-switch-row">
            <Switch.Root id={id} className="setting-switch-toggle" checked={value === true} onCheckedChange={onChange}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
              <Switch.Thumb className="setting-switch-thumb" />
            </Switch.Root>
            <label htmlFor={id}>{t(label)}</label>
          </div>
          <small id={`${id}-hint`} className="hint">{hint}</small>
          {error && <p id={`${id}-error`} className="field-error">{error}</p>}
        </div>
      );
    case 'number':
      return (
        <Field id={id} label={t(label)} hint={hint} error={error}>
          <input type="number" inputMode="numeric" min={control.min} max={control.max} step={1} className="setting-number"
            value={typeof value === 'number' ? value : ''} onChange={(e) => onChange(numberOf(e.target.value))} />
        </Field>
      );
    case 'megabytes':
      return (
        <Field id={id} label={t(label)} hint={hint} error={error}>
          <input type="number" inputMode="decimal" min={0.1} max={1024} step={0.1} className="setting-number"
            value={typeof value === 'number' ? bytesToMegabytes(value) : ''}
            onChange={(e) => { const mb = numberOf(e.target.value); onChange(mb === null ? null : megabytesToBytes(mb)); }} />
        </Field>
      );
    case 'select':
      return (
        <Field id={id} label={t(label)} hint={hint} error={error}>
          <select value={String(value)} onChange={(e) => onChange(e.target.value)}>
            {Object.entries(control.options).map(([v, text]) => <option key={v} value={v}>{t(text)}</option>)}
          </select>
        </Field>
      );
    case 'text':
      return (
        <Field id={id} label={t(label)} hint={hint} error={error}>
          <input type="text" value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />
        </Field>
      );
    case 'list':
      return (
        <fieldset className="setting-list">
          <legend>{t(label)}</legend>
          <ListEditor id={id} label={t('Add to {{list}}', { list: t(label) })} items={Array.isArray(value) ? (value as string[]) : []}
            onChange={onChange} hint={`${hint} ${t('For example: {{example}}', { example: control.example })}`} error={error} empty={t('Empty')} />
        </fieldset>
      );
    case 'choices': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      const toggle = (option: string, on: boolean) => onChange(Object.keys(control.options).filter((o) => (o === option ? on : chosen.includes(o))));
      return (
        <fieldset className="setting-list setting-choices" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
          <legend>{t(label)}</legend>
          <small id={`${id}-hint`} className="hint">{hint}</small>
          <div className="setting-choices-row">
            {Object.entries(control.options).map(([option, text]) => (
              <label key={option} className="setting-choice">
                <input type="checkbox" className="setting-check" checked={chosen.includes(option)} onChange={(e) => toggle(option, e.target.checked)} />
                {t(text)}
              </label>
            ))}
          </div>
          {error && <p id={`${id}-error`} className="field-error">{error}</p>}
        </fieldset>
      );
    }
    case 'outgoing-map':
      return <OutgoingMap id={id} label={t(label)} hint={hint} value={value} onChange={onChange} error={error} />;
    case 'notifications-map':
      return <NotificationsMap id={id} label={t(label)} hint={hint} value={value} onChange={onChange} error={error} />;
    case 'sla':
      return <SlaTable id={id} label={t(label)} hint={hint} value={value} onChange={onChange} error={error} />;
  }
}
