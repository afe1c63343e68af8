/**
 * The cheat sheet (`?`): every shortcut the page in front of the person answers to,
 * grouped, from the registry (useShortcutList), with the on/off switch. A Radix Dialog,
 * non-modal because the modal one injects a <style> (its scroll lock) that the CSP
 * refuses: focus moves into it and returns where it was, Escape, a click outside or
 * moving focus out closes it; a backdrop shows that the page behind is not in play.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShortcutSpec } from './shortcuts.ts';
import { ShortcutsSwitch } from './shortcuts-switch.tsx';
import { useShortcutList } from './use-shortcut.ts';
import './cheat-sheet.css';

let open = false;
const listeners = new Set<() => void>();
/** Opens or closes the cheat sheet from anywhere (the `?` shortcut, a button on the profile page). */
export function setCheatSheetOpen(value: boolean): void {
  open = value;
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => { listeners.add(l); return () => { listeners.delete(l); }; };

/** The key as printed: `?`, `c`; an upper-case letter is Shift and the letter. */
export function keyLabel(key: string): string[] {
  return key.length === 1 && key !== key.toLowerCase() ? ['Shift', key] : [key];
}

/** The shortcuts grouped by their heading, in the order first registered, one entry per key (the latest wins, as on the keyboard). */
function grouped(list: ShortcutSpec[]): Array<[string, ShortcutSpec[]]> {
  const byKey = new Map<string, ShortcutSpec>();
  for (const s of list) { byKey.delete(s.key); byKey.set(s.key, s); }
  const groups = new Map<string, ShortcutSpec[]>();
  for (const s of list) {
    if (byKey.get(s.key) !== s) continue;
    groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  }
  return [...groups];
}

export function CheatSheet() {
  const { t } = useTranslation();
  const isOpen = useSyncExternalStore(subscribe, () => open);
  const list = useShortcutList();
  return (
    <Dialog.Root open={isOpen} onOpenChange={setCheatSheetOpen} modal={false}>
      <Dialog.Portal>
        <div className="cheat-overlay" aria-hidden="true" />
        <Dialog.Content className="cheat-sheet">
          <Dialog.Title>{t('Keyboard shortcuts')}</Dialog.Title>
          <Dialog.Description>{t('Single keys, when you are not typing in a field.')}</Dialog.Description>
          <ShortcutsSwitch />
          {grouped(list).map(([group, items]) => (
            <section key={group} aria-labelledby={`shortcuts-${group}`}>
              <h3 id={`shortcuts-${group}`}>{t(group)}</h3>
              <dl>
                {items.map((s) => (
                  <div key={s.key} className="shortcut-row">
                    <dt>{keyLabel(s.key).map((k, i) => <kbd key={i}>{k === 'Shift' ? t('Shift') : k}</kbd>)}</dt>
                    <dd>{t(s.description)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <Dialog.Close asChild><button type="button" className="button">{t('Close')}</button></Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
