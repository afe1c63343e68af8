/** "Keyboard shortcuts: on/off" (WCAG 2.1.4), in the cheat sheet and on the profile page; the choice applies at once everywhere. */
import * as Label from '@radix-ui/react-label';
import * as Switch from '@radix-ui/react-switch';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { setShortcutsEnabled } from './shortcuts.ts';
import { useShortcutsEnabled } from './use-shortcut.ts';
import './cheat-sheet.css';

export function ShortcutsSwitch() {
  const { t } = useTranslation();
  const on = useShortcutsEnabled();
  const id = useId();
  return (
    <div className="shortcuts-switch">
      <Switch.Root id={id} className="switch" checked={on} onCheckedChange={setShortcutsEnabled} aria-describedby={`${id}-hint`}>
        <Switch.Thumb className="switch-thumb" />
      </Switch.Root>
      <Label.Root htmlFor={id}>{t('Keyboard shortcuts')}</Label.Root>
      <small id={`${id}-hint`} className="hint">{on ? t('On: single keys act when you are not typing.') : t('Off: keys only type.')}</small>
    </div>
  );
}
