/** The agent side panel's satisfaction section: each rating of the ticket's resolutions, with who was rated and the comment. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../hooks/use-format.ts';
import { ratingLabel } from './rating-labels.ts';
import { useSatisfaction } from './queries.ts';
import './satisfaction.css';

export function SatisfactionSection({ ticketId, status }: { ticketId: string; status: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const satisfaction = useSatisfaction(ticketId, status);
  const ratings = satisfaction.data?.ratings ?? [];
  return (
    <section className="side-panel-section" aria-labelledby="satisfaction-heading">
      <h2 id="satisfaction-heading">{t('Satisfaction')}</h2>
      {ratings.length === 0 ? <p className="side-panel-empty">{t('Not rated')}</p> : (
        <ul className="satisfaction-ratings">
          {ratings.map((r) => (
            <li key={r.id} className={r.positive ? 'satisfaction-good' : 'satisfaction-bad'}>
              <strong>{t(ratingLabel(r.scale, r.rating))}</strong>
              {r.comment && <q>{r.comment}</q>}
              <span className="side-panel-ticket-meta">
                {r.agent ? t('Agent: {{agent}} · {{date}}', { agent: r.agent.name, date: format.date(r.created_at) }) : format.date(r.created_at)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
