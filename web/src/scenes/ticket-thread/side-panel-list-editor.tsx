/**
 * A ticket field that is a list of words (tags, recipients): each item with its own
 * remove button, and a small form that adds one. The whole list is saved at each change
 * (the API replaces it); the change shows at once and is taken back if refused.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../api/types.ts';
import { RequestError } from '../../components/request-error.tsx';
import { useUpdateTicket } from './queries.ts';

interface ListEditorProps {
  ticket: Ticket;
  field: 'tags' | 'recipients';
  /** Translated texts: the group's name, the add field's label, and the remove button's name ({{item}} filled in). */
  title: string;
  addLabel: string;
  removeLabel: (item: string) => string;
  empty: string;
  inputType?: 'text' | 'email';
  /** Values offered while typing (a datalist). */
  suggestions?: string[];
}

export function SidePanelListEditor({ ticket, field, title, addLabel, removeLabel, empty, inputType = 'text', suggestions = [] }: ListEditorProps) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.id);
  const [draft, setDraft] = useState('');
  const items = ticket[field];
  const id = `side-panel-${field}`;
  const save = (next: string[]) => update.mutate({ body: { [field]: next }, shown: { [field]: next } });

  const add = (e: FormEvent) => {
    e.preventDefault();
    const value = draft.trim();
    if (!value) return;
    setDraft('');
    if (!items.some((i) => i.toLowerCase() === value.toLowerCase())) save([...items, value]);
  };

  return (
    <section className="side-panel-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {items.length === 0 ? <p className="side-panel-empty">{empty}</p> : (
        <ul className="side-panel-chips">
          {items.map((item) => (
            <li key={item}>
              <span>{item}</span>
              <button type="button" className="side-panel-remove" aria-label={removeLabel(item)} disabled={update.isPending}
                onClick={() => save(items.filter((i) => i !== item))}>×</button>
            </li>
          ))}
        </ul>
      )}
      <form className="side-panel-add" onSubmit={add}>
        <label htmlFor={`${id}-add`} className="side-panel-add-label">{addLabel}</label>
        <input id={`${id}-add`} type={inputType} value={draft} onChange={(e) => setDraft(e.target.value)}
          list={suggestions.length ? `${id}-options` : undefined} autoComplete="off" />
        {suggestions.length > 0 && (
          <datalist id={`${id}-options`}>
            {suggestions.filter((s) => !items.includes(s)).map((s) => <option key={s} value={s} />)}
          </datalist>
        )}
        <button type="submit" className="button" disabled={update.isPending || !draft.trim()}>{t('Add')}</button>
      </form>
      <RequestError error={update.error} />
    </section>
  );
}
