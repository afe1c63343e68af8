/**
 * Shown instead of sending when someone else wrote on the ticket since the person started:
 * the new messages themselves, and the choice to send anyway or to read them first.
 * An alert, so it is announced at once; focus moves to it.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadMessage } from '../../../api/types.ts';
import { useFormat } from '../../../hooks/use-format.ts';

interface Props { arrived: ThreadMessage[]; onSendAnyway(): void; onReview(): void }

const excerpt = (text: string) => (text.length > 280 ? `${text.slice(0, 277)}…` : text);

export function CollisionWarning({ arrived, onSendAnyway, onReview }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => { box.current?.focus(); }, []);
  return (
    <div ref={box} className="collision-warning" role="alert" tabIndex={-1} aria-labelledby={titleId}>
      <p id={titleId} className="collision-title">{t('A new reply arrived while you were writing')}</p>
      <ul className="collision-messages">
        {arrived.map((m) => (
          <li key={m.id}>
            <strong>{m.author?.name ?? t('Parley')}</strong>{' '}
            <span className="collision-kind">{m.message_type === 'note' ? t('Internal note') : t('Reply')}</span>{' '}
            <time dateTime={m.created_at}>{format.date(m.created_at)}</time>
            <blockquote>{excerpt(m.body)}</blockquote>
          </li>
        ))}
      </ul>
      <div className="collision-actions">
        <button type="button" className="button primary" onClick={onSendAnyway}>{t('Send anyway')}</button>
        <button type="button" className="button" onClick={onReview}>{t('Review first')}</button>
      </div>
    </div>
  );
}
