/** The dashboard's filters in the address (period.ts), and a way to change one while keeping the others. */
import { useSearchParams } from 'react-router';
import { localDay, scopeFrom, type DashboardScope } from './period.ts';

export function useDashboardScope() {
  const [params, setParams] = useSearchParams();
  const scope = scopeFrom(params, localDay(new Date()));
  /** Sets (or, with '', removes) parameters of the address; replaces the history entry, as the list's filters do. */
  const update = (changes: Partial<Record<'period' | 'from' | 'to' | 'department' | 'agent', string>>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    if (next.get('period') !== 'custom') { next.delete('from'); next.delete('to'); }
    setParams(next, { replace: true });
  };
  return { scope, update };
}

export type { DashboardScope };
