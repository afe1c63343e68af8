/** A trigger's actions, in the order they run: add one of the installed types, set it up, move it, remove it. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { ConfigFields, type JsonSchema } from './config-fields.tsx';
import { ACTION_LABELS, actionTypesKey, type ActionDraft, type ActionTypeInfo } from './trigger-types.ts';

interface Props { actions: ActionDraft[]; onChange: (a: ActionDraft[]) => void; errors: Record<string, string> }

export function TriggerActions({ actions, onChange, errors }: Props) {
  const { t } = useTranslation();
  const types = useQuery({ queryKey: actionTypesKey, queryFn: () => api<ActionTypeInfo[]>('GET', '/trigger-action-types/'), staleTime: 60_000 });
  const [adding, setAdding] = useState('');
  // A plugin's label is its own English text; a built-in's is translated.
  const labelOf = (type: string) => {
    const key = ACTION_LABELS[type];
    return key ? t(key) : (types.data?.find((x) => x.type === type)?.label ?? type);
  };
  const schemaOf = (type: string) => (types.data?.find((x) => x.type === type)?.config_schema ?? {}) as JsonSchema;
  const replace = (i: number, a: ActionDraft) => onChange(actions.map((x, j) => (j === i ? a : x)));
  const move = (i: number, by: number) => {
    const next = [...actions];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  return (
    <fieldset className="trigger-section">
      <legend>{t('Then, in this order')}</legend>
      <RequestError error={types.error} />
      {actions.length === 0 && <p className="empty">{t('No actions yet.')}</p>}
      <ol className="trigger-actions">
        {actions.map((a, i) => (
          <li key={i} className="trigger-action" aria-label={t('Action {{n}}: {{label}}', { n: i + 1, label: labelOf(a.type) })}>
            <h4>{i + 1}. {labelOf(a.type)}</h4>
            {errors[`actions.${i}.type`] && <p className="field-error">{errors[`actions.${i}.type`]}</p>}
            <ConfigFields id={`action-${i}`} schema={schemaOf(a.type)} value={a.config} onChange={(config) => replace(i, { ...a, config })} errors={errors} errorPrefix={`actions.${i}.config`} />
            <div className="trigger-action-buttons">
              <button type="button" className="button" disabled={i === 0} onClick={() => move(i, -1)}>{t('Move up')}</button>
              <button type="button" className="button" disabled={i === actions.length - 1} onClick={() => move(i, 1)}>{t('Move down')}</button>
              <button type="button" className="button danger" onClick={() => onChange(actions.filter((_, j) => j !== i))}>{t('Remove action {{n}}', { n: i + 1 })}</button>
            </div>
          </li>
        ))}
      </ol>
      <div className="trigger-add-action">
        <label htmlFor="trigger-new-action">{t('Action to add')}</label>
        <select id="trigger-new-action" value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="" disabled>{t('Choose…')}</option>
          {types.data?.map((x) => <option key={x.type} value={x.type}>{labelOf(x.type)}</option>)}
        </select>
        <button type="button" className="button" disabled={!adding} onClick={() => { onChange([...actions, { type: adding, config: {} }]); setAdding(''); }}>
          {t('Add action')}
        </button>
      </div>
    </fieldset>
  );
}
