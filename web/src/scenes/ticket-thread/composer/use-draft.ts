/**
 * The composer's draft, per person, ticket and mode (reply or note), in this browser's
 * localStorage: saved a second after the typing stops, read back when the page opens again
 * (a reload too), removed once the message is sent. `saved` says when the last save was,
 * for a discreet "Draft saved".
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EditorValue } from './editor-value.ts';

const DELAY_MS = 1000;
const keyOf = (userId: string, ticketId: string, kind: string) => `parley.draft.${userId}.${ticketId}.${kind}`;

function read(key: string): string {
  try { return globalThis.localStorage?.getItem(key) ?? ''; } catch { return ''; }
}

function write(key: string, html: string | null): boolean {
  try {
    if (html === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, html);
    return true;
  } catch { return false; /* storage full or refused: the text stays in the editor */ }
}

export function useDraft(userId: string, ticketId: string, kind: string) {
  const key = keyOf(userId, ticketId, kind);
  const [initialHtml] = useState(() => read(key));
  const [saved, setSaved] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<EditorValue | null>(null);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const value = pending.current;
    pending.current = null;
    if (!value) return;
    if (write(key, value.empty ? null : value.html)) setSaved(!value.empty);
  }, [key]);

  /** Saves the value once the typing pauses. */
  const schedule = useCallback((value: EditorValue) => {
    pending.current = value;
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, DELAY_MS);
  }, [flush]);

  /** Stores this HTML now (a message held for undo is kept until it is sent). */
  const keep = useCallback((html: string) => {
    clearTimeout(timer.current);
    pending.current = null;
    write(key, html);
  }, [key]);

  /** Removes the draft, if it is still this text (a newer draft stays). */
  const clear = useCallback((html: string) => {
    if (read(key) === html) write(key, null);
    setSaved(false);
  }, [key]);

  // Leaving the page (or the ticket) saves what was typed at once.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => { window.removeEventListener('pagehide', flush); flush(); };
  }, [flush]);

  return { initialHtml, schedule, keep, clear, saved };
}
