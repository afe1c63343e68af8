/**
 * The list `/` or `@` opens under the editor: a listbox whose active option the editor
 * points at (aria-activedescendant), so arrow keys move through it while typing goes on
 * filtering; Enter or a click inserts, Escape closes.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuggestionItem } from './suggestion-menu.ts';

interface Props { id: string; char: string; items: SuggestionItem[]; index: number; onChoose(item: SuggestionItem): void }

export function SuggestionList({ id, char, items, index, onChoose }: Props) {
  const { t } = useTranslation();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => { list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' }); }, [index]);
  const name = char === '/' ? t('Canned replies') : t('Mention someone');
  return (
    <div className="suggestion-popup">
      {items.length > 0 && <ul ref={list} id={id} role="listbox" aria-label={name} className="suggestion-list">
        {items.map((item, i) => (
          <li key={item.id} id={`${id}-${i}`} role="option" aria-selected={i === index} className="suggestion-option"
            onMouseDown={(e) => { e.preventDefault(); onChoose(item); }}>
            <span className="suggestion-label">{item.label}</span>
            {item.detail && <span className="suggestion-detail">{item.detail}</span>}
          </li>
        ))}
      </ul>}
      {items.length === 0 && <p className="suggestion-empty" role="status">{char === '/' ? t('No canned reply matches.') : t('Nobody matches.')}</p>}
      <p className="suggestion-hint">{t('↑ ↓ to choose, Enter to insert, Esc to close')}</p>
    </div>
  );
}
