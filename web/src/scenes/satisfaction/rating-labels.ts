/** The words of each rating, on each scale (English keys; satisfaction.json translates them). */
export const FIVE_LABELS: Record<number, string> = { 1: '1 – Very bad', 2: '2 – Bad', 3: '3 – Fair', 4: '4 – Good', 5: '5 – Excellent' };
export const BINARY_LABELS: Record<number, string> = { 5: 'Good', 1: 'Bad' };

export const ratingLabel = (scale: 'five' | 'binary', rating: number): string =>
  (scale === 'binary' ? BINARY_LABELS : FIVE_LABELS)[rating] ?? String(rating);
