/**
 * "A new reply arrived while you were writing": the messages of others that reached the
 * thread (live updates re-read it) since the person started writing. Writing starts when
 * the editor stops being empty; `acknowledge` counts the ones shown as seen.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { ThreadMessage } from '../../../api/types.ts';
import { useThreadMessages } from '../queries.ts';

export function useArrivals(ticketId: string, meId: string, writing: boolean) {
  const messages = useThreadMessages(ticketId);
  const newest = messages.data?.pages[0]?.results;
  const seen = useRef<Set<string> | null>(null);
  const latest = useRef(newest);
  latest.current = newest;

  // The thread as it was when the writing started (once it is loaded: a restored draft may come first).
  const loaded = newest !== undefined;
  useEffect(() => {
    if (!writing) seen.current = null;
    else if (!seen.current && loaded) seen.current = new Set((latest.current ?? []).map((m) => m.id));
  }, [writing, loaded]);

  /** Messages by others, not seen when the writing started (newest first). */
  const arrived = useCallback((): ThreadMessage[] => {
    const known = seen.current;
    if (!known) return [];
    return (latest.current ?? []).filter((m) => !known.has(m.id) && !m.id.startsWith('pending-') && m.message_type !== 'system' && m.author?.id !== meId);
  }, [meId]);

  const acknowledge = useCallback(() => {
    const known = seen.current ?? new Set<string>();
    for (const m of latest.current ?? []) known.add(m.id);
    seen.current = known;
  }, []);

  return { arrived, acknowledge };
}
