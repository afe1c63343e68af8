import { ValidationError } from '../shared/errors.ts';
import type { SurveyScale } from '../resolution/survey-scale.ts';

/**
 * What a rating means on its scale (migration 025): five is 1–5, positive from 4; binary
 * stores bad as 1 and good as 5 (so averages stay comparable), positive when good.
 */
export function checkRating(scale: SurveyScale, rating: number): { rating: number; positive: boolean } {
  if (scale === 'binary') {
    if (rating !== 1 && rating !== 5) throw ValidationError.field('rating', 'must be 1 (bad) or 5 (good) on this survey');
    return { rating, positive: rating === 5 };
  }
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw ValidationError.field('rating', 'must be a whole number from 1 to 5');
  return { rating, positive: rating >= 4 };
}
