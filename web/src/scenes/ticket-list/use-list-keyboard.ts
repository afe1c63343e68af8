/**
 * The list's keys (through the shortcut registry, so they never fire while typing and can
 * be turned off): j and k move a cursor over the rows and put the focus on the row's link
 * (so Enter opens it, as any link), o opens it too, x selects it, / goes to the search.
 */
import { useEffect, useState, type RefObject } from 'react';
import { useNavigate } from 'react-router';
import type { Ticket } from '../../api/types.ts';
import { useShortcut } from '../../shortcuts/use-shortcut.ts';

const GROUP = 'Ticket list';

interface Options {
  tickets: Ticket[];
  table: RefObject<HTMLTableElement | null>;
  search: RefObject<HTMLInputElement | null>;
  onToggle: ((id: string) => void) | null;
}

export function useListKeyboard({ tickets, table, search, onToggle }: Options): number {
  const navigate = useNavigate();
  const [cursor, setCursor] = useState(-1);
  const [focusWanted, setFocusWanted] = useState(false);
  // A shorter list (new filters) keeps the cursor on a row that exists.
  useEffect(() => { if (cursor >= tickets.length) setCursor(tickets.length - 1); }, [cursor, tickets.length]);
  useEffect(() => {
    if (!focusWanted || cursor < 0) return;
    setFocusWanted(false);
    const link = table.current?.querySelectorAll('tbody tr')[cursor]?.querySelector<HTMLAnchorElement>('a[href]');
    link?.focus();
    link?.scrollIntoView?.({ block: 'nearest' });
  }, [cursor, focusWanted, table]);

  const move = (by: number) => {
    if (tickets.length === 0) return;
    setCursor((c) => Math.max(0, Math.min(tickets.length - 1, c < 0 ? 0 : c + by)));
    setFocusWanted(true);
  };
  const current = cursor >= 0 ? tickets[cursor] : undefined;
  useShortcut({ key: 'j', description: 'Next ticket in the list', group: GROUP }, () => move(1));
  useShortcut({ key: 'k', description: 'Previous ticket in the list', group: GROUP }, () => move(-1));
  useShortcut({ key: 'o', description: 'Open the ticket under the cursor (or Enter)', group: GROUP }, () => { if (current) navigate(`/${current.id}/`); });
  useShortcut({ key: 'x', description: 'Select or unselect the ticket under the cursor', group: GROUP }, () => {
    if (current && onToggle) onToggle(current.id);
  }, onToggle !== null);
  useShortcut({ key: '/', description: 'Search the tickets', group: GROUP }, () => search.current?.focus());
  return cursor;
}
