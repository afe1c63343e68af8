/**
 * Keyboard shortcuts (issue 10): one registry for the whole app, so that the cheat sheet
 * (`?`) lists exactly what the page in front of the person answers to. A shortcut is a
 * single key, optionally with Shift (no Ctrl, Alt or Meta: those belong to the browser and
 * to assistive technology). Shortcuts never fire while the person types (in an input,
 * textarea, select or rich editor), and the person can turn them all off (WCAG 2.1.4):
 * the choice is kept in this browser (localStorage) and applies at once everywhere.
 */

export interface ShortcutSpec {
  /** The key as KeyboardEvent.key gives it: `j`, `?`, `Enter`, `Escape`; upper case means Shift (`R`). */
  key: string;
  /** What it does, an English text (a translation key), shown in the cheat sheet. */
  description: string;
  /** The heading it is listed under in the cheat sheet: an English text (a translation key). */
  group: string;
}

interface Registered extends ShortcutSpec { handler: (event: KeyboardEvent) => void; order: number }

const registered = new Set<Registered>();
const listeners = new Set<() => void>();
let order = 0;
const STORAGE_KEY = 'parley.shortcuts';

/** Whether shortcuts are on in this browser (on unless the person turned them off). */
export function shortcutsEnabled(): boolean {
  try { return globalThis.localStorage?.getItem(STORAGE_KEY) !== 'off'; } catch { return true; }
}

/** Turns every shortcut on or off in this browser. */
export function setShortcutsEnabled(on: boolean): void {
  try { globalThis.localStorage?.setItem(STORAGE_KEY, on ? 'on' : 'off'); } catch { /* private mode: the choice lasts until reload */ }
  notify();
}

function notify() { for (const listener of listeners) listener(); }

/** Subscribes to changes of the registry or of the on/off choice (for useSyncExternalStore). */
export function subscribeShortcuts(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

/** What the page answers to now, in the order registered (for the cheat sheet). */
export function listShortcuts(): ShortcutSpec[] {
  return [...registered].sort((a, b) => a.order - b.order).map(({ key, description, group }) => ({ key, description, group }));
}

/** Adds a shortcut; the returned function removes it. The latest registration of a key wins. */
export function registerShortcut(spec: ShortcutSpec, handler: (event: KeyboardEvent) => void): () => void {
  const entry: Registered = { ...spec, handler, order: order++ };
  registered.add(entry);
  notify();
  return () => { registered.delete(entry); notify(); };
}

/** True when the key press is typing: in a form control, a rich editor, or with a modifier held. */
export function isTyping(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return true;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"]') !== null;
}

/** The one keydown listener: finds the latest shortcut for the key and runs it. */
export function handleShortcutKey(event: KeyboardEvent): void {
  if (event.defaultPrevented || !shortcutsEnabled() || isTyping(event)) return;
  let match: Registered | undefined;
  for (const entry of registered) if (entry.key === event.key && (!match || entry.order > match.order)) match = entry;
  if (!match) return;
  event.preventDefault();
  match.handler(event);
}
