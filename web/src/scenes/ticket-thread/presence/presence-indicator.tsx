/** "Bea is viewing", "Bea is replying…": the other staff on the ticket, announced politely as they come and go. */
import { useTranslation } from 'react-i18next';
import type { PresentPerson } from './use-presence.ts';
import './presence.css';

export function PresenceIndicator({ others }: { others: PresentPerson[] }) {
  const { t } = useTranslation();
  return (
    <div className="presence" aria-live="polite" aria-atomic="true">
      {others.length > 0 && (
        <ul aria-label={t('Also on this ticket')}>
          {others.map((p) => (
            <li key={p.user_id} className={`presence-${p.state}`}>
              <span className="presence-dot" aria-hidden="true" />
              {p.state === 'replying' ? t('{{name}} is replying…', { name: p.name }) : t('{{name}} is viewing', { name: p.name })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
