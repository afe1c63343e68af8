/**
 * A list of words edited in place (domains, MIME types, categories…): each item with its own
 * remove button, and a field that adds one (Enter or "Add"). Controlled: the caller keeps the
 * list and saves it when it wants. `validate` refuses an item before it is added.
 */
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/field.tsx';

interface ListEditorProps {
  id: string;
  /** The add field's label (translated). */
  label: string;
  items: readonly string[];
  onChange: (items: string[]) => void;
  /** A translated reason to refuse an item, or undefined to accept it. */
  validate?: (item: string) => string | undefined;
  /** How an accepted item is stored (e.g. lower-cased). */
  normalise?: (item: string) => string;
  /** The server's word on the whole list, shown as given. */
  error?: string;
  hint?: string;
  empty: string;
}

export function ListEditor({ id, label, items, onChange, validate, normalise, error, hint, empty }: ListEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [refused, setRefused] = useState<string>();

  const add = () => {
    const typed = draft.trim();
    if (!typed) return;
    const why = validate?.(typed);
    if (why) { setRefused(why); return; }
    const value = normalise ? normalise(typed) : typed;
    setRefused(undefined);
    setDraft('');
    if (!items.some((i) => i.toLowerCase() === value.toLowerCase())) onChange([...items, value]);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') { e.preventDefault(); add(); }
  };

  return (
    <div className="list-editor">
      {items.length === 0 ? <p className="admin-muted">{empty}</p> : (
        <ul className="admin-chips" aria-label={label}>
          {items.map((item) => (
            <li key={item}>
              <span>{item}</span>
              <button type="button" className="admin-chip-remove" aria-label={t('Remove {{item}}', { item })}
                onClick={() => onChange(items.filter((i) => i !== item))}>×</button>
            </li>
          ))}
        </ul>
      )}
      <div className="admin-list-add">
        <Field id={id} label={label} error={refused ?? error} hint={hint}>
          <input type="text" value={draft} autoComplete="off" onKeyDown={onKey}
            onChange={(e) => { setDraft(e.target.value); setRefused(undefined); }} />
        </Field>
        <button type="button" className="button" onClick={add} disabled={!draft.trim()}>{t('Add')}</button>
      </div>
    </div>
  );
}
