/**
 * The customer's rating form on their resolved (or confirmed) ticket, when a survey is on
 * and this resolution was not rated yet; after sending, a thank-you. Staff never see it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestError } from '../../components/request-error.tsx';
import { BINARY_LABELS, FIVE_LABELS, ratingLabel } from './rating-labels.ts';
import { useRate, useSatisfaction } from './queries.ts';
import './satisfaction.css';

export function PortalRating({ ticketId, status }: { ticketId: string; status: string }) {
  const { t } = useTranslation();
  const satisfaction = useSatisfaction(ticketId, status);
  const rate = useRate(ticketId);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const data = satisfaction.data;
  if (!data) return null;
  const mine = data.ratings.find((r) => r.resolved_at === data.resolved_at);
  if (mine) return <p className="satisfaction-thanks" role="status">{t('Thank you for your rating: {{rating}}', { rating: t(ratingLabel(mine.scale, mine.rating)) })}</p>;
  if (!data.can_rate || !data.survey_scale) return null;
  const labels = data.survey_scale === 'five' ? FIVE_LABELS : BINARY_LABELS;
  const order = data.survey_scale === 'five' ? [1, 2, 3, 4, 5] : [5, 1];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rating !== null) rate.mutate({ rating, comment: comment.trim() || null });
  };
  return (
    <form className="satisfaction-form" onSubmit={submit} aria-labelledby="satisfaction-title">
      <h2 id="satisfaction-title">{t('How did we do?')}</h2>
      <fieldset>
        <legend>{t('Your rating')}</legend>
        {order.map((n) => (
          <label key={n}><input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} /> {t(labels[n]!)}</label>
        ))}
      </fieldset>
      <label htmlFor="satisfaction-comment">{t('Anything you want to tell us? (optional)')}</label>
      <textarea id="satisfaction-comment" maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      <button type="submit" className="button primary" disabled={rating === null || rate.isPending}>{t('Send my rating')}</button>
      <RequestError error={rate.error} />
    </form>
  );
}
