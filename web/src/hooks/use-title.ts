/** Each page names itself in the window title (WCAG 2.4.2); undefined (still loading) keeps the last one. */
import { useEffect } from 'react';

export function useTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} · Parley`;
  }, [title]);
}
