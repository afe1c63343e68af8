/**
 * The audit log's period filter. The API pages newest first by id and has no date filter, so
 * the page filters the entries it loaded and keeps reading pages while it is still after the
 * period's end; once an entry is older than the period's start, nothing older can match.
 */
export interface Period { from?: string; to?: string }

/** A day (yyyy-mm-dd, the person's time zone) as the bounds of the period: [start of from, end of to]. */
export function periodBounds(p: Period): { after?: number; before?: number } {
  return {
    after: p.from ? new Date(`${p.from}T00:00:00`).getTime() : undefined,
    before: p.to ? new Date(`${p.to}T23:59:59.999`).getTime() : undefined,
  };
}

export const inPeriod = (iso: string, p: Period): boolean => {
  const { after, before } = periodBounds(p);
  const at = new Date(iso).getTime();
  return (after === undefined || at >= after) && (before === undefined || at <= before);
};

/**
 * What to do after a page: 'done' when the oldest entry loaded is already before the period
 * (no older page can match), 'more' when nothing loaded is inside the period yet and the
 * oldest is still after its end (read on), else 'wait' (show, and let the person ask).
 */
export function nextStep(loaded: ReadonlyArray<{ created_at: string }>, p: Period, hasMore: boolean): 'done' | 'more' | 'wait' {
  const oldest = loaded.at(-1);
  if (!hasMore) return 'done';
  if (!oldest) return 'more';
  const { after, before } = periodBounds(p);
  const at = new Date(oldest.created_at).getTime();
  if (after !== undefined && at < after) return 'done';
  if (before !== undefined && at > before) return 'more';
  return 'wait';
}
