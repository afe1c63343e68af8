/** The form of a trigger, for adding one and for changing it: name, what fires it, on which tickets, what it does, on or off. */
import * as Switch from '@radix-ui/react-switch';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/field.tsx';
import { fieldErrors, hasFieldErrors } from '../../../components/field-errors.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { TriggerActions } from './trigger-actions.tsx';
import { TriggerConditions, TriggerOptions, TriggerTypeSelect } from './trigger-options.tsx';
import type { ActionDraft, Trigger, TriggerInput, TriggerType } from './trigger-types.ts';

export interface TriggerDraft { name: string; type: TriggerType; options: Record<string, unknown>; conditions: Record<string, unknown>; actions: ActionDraft[]; active: boolean }

export const emptyTrigger = (): TriggerDraft => ({ name: '', type: 'TICKET_FIELD_CHANGE', options: { field: 'status' }, conditions: {}, actions: [], active: true });

export const draftOf = (t: Trigger): TriggerDraft => ({
  name: t.name, type: t.type as TriggerType, options: t.options, conditions: t.conditions, actions: t.actions, active: t.active,
});

/** What the API takes: options without their "any" (undefined) entries. */
export const inputOf = (d: TriggerDraft): TriggerInput => ({
  name: d.name.trim(), type: d.type, conditions: d.conditions, actions: d.actions, active: d.active,
  options: Object.fromEntries(Object.entries(d.options).filter(([, v]) => v !== undefined)),
});

interface Props { initial: TriggerDraft; submitLabel: string; pending: boolean; error: unknown; onSubmit: (d: TriggerDraft) => void }

export function TriggerForm({ initial, submitLabel, pending, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const errors = fieldErrors(error);
  const set = (patch: Partial<TriggerDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: FormEvent) => { e.preventDefault(); onSubmit(draft); };
  const defaultOptions = (type: TriggerType) => (type === 'TICKET_FIELD_CHANGE' ? { field: 'status' } : type === 'NEW_TICKET_CREATED' ? { origin: 'both' } : {});
  return (
    <form className="admin-form trigger-form" noValidate onSubmit={submit}>
      <Field id="trigger-name" label={t('Name')} error={errors.name}>
        <input type="text" maxLength={200} required value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <fieldset className="trigger-section">
        <legend>{t('What fires it')}</legend>
        <TriggerTypeSelect value={draft.type} onChange={(type) => set({ type, options: defaultOptions(type) })} />
        <TriggerOptions type={draft.type} options={draft.options} onOptions={(options) => set({ options })} errors={errors} />
      </fieldset>
      <TriggerConditions conditions={draft.conditions} onChange={(conditions) => set({ conditions })} errors={errors} />
      <TriggerActions actions={draft.actions} onChange={(actions) => set({ actions })} errors={errors} />
      <div className="trigger-switch">
        <Switch.Root id="trigger-active" className="switch" checked={draft.active} onCheckedChange={(active) => set({ active })}>
          <Switch.Thumb className="switch-thumb" />
        </Switch.Root>
        <label htmlFor="trigger-active">{t('Active')}</label>
      </div>
      {hasFieldErrors(error) ? <p className="field-error" role="alert">{t('Some fields need attention.')}</p> : <RequestError error={error} />}
      <button type="submit" className="button primary" disabled={pending || !draft.name.trim()}>{submitLabel}</button>
    </form>
  );
}
