/** React bindings of the shortcut registry (shortcuts.ts). */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { handleShortcutKey, listShortcuts, registerShortcut, shortcutsEnabled, subscribeShortcuts, type ShortcutSpec } from './shortcuts.ts';

/** Registers a shortcut while the component is shown; the handler may change between renders. */
export function useShortcut(spec: ShortcutSpec, handler: (event: KeyboardEvent) => void, enabled = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  const { key, description, group } = spec;
  useEffect(() => {
    if (!enabled) return undefined;
    return registerShortcut({ key, description, group }, (event) => latest.current(event));
  }, [key, description, group, enabled]);
}

/** Listens to key presses for the registry; mounted once, by the app's layout. */
export function useShortcutListener(): void {
  useEffect(() => {
    document.addEventListener('keydown', handleShortcutKey);
    return () => document.removeEventListener('keydown', handleShortcutKey);
  }, []);
}

let snapshot = listShortcuts();
subscribeShortcuts(() => { snapshot = listShortcuts(); });

/** The shortcuts registered now, kept current (for the cheat sheet). */
export function useShortcutList(): ReturnType<typeof listShortcuts> {
  return useSyncExternalStore(subscribeShortcuts, () => snapshot);
}

/** Whether shortcuts are on, kept current. */
export function useShortcutsEnabled(): boolean {
  return useSyncExternalStore(subscribeShortcuts, shortcutsEnabled);
}
