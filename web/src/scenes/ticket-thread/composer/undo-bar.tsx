/**
 * The few seconds a sent message is held: "Sending in 5 s" with Undo (which takes focus,
 * so Enter or Space takes it back) and Send now. Announced once, politely; the countdown
 * itself is not read out every second.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props { kind: 'reply' | 'note'; until: number; onUndo(): void; onSendNow(): void }

export function UndoBar({ kind, until, onUndo, onSendNow }: Props) {
  const { t } = useTranslation();
  const undo = useRef<HTMLButtonElement>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => { undo.current?.focus(); }, []);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, []);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  return (
    <div className="undo-bar">
      <p role="status" className="undo-text">
        {kind === 'note' ? t('Your note will be added in a moment.') : t('Your reply will be sent in a moment.')}
      </p>
      <span className="undo-countdown" aria-hidden="true">{t('{{seconds}} s', { seconds })}</span>
      <button ref={undo} type="button" className="button" onClick={onUndo}>{t('Undo')}</button>
      <button type="button" className="button primary" onClick={onSendNow}>{t('Send now')}</button>
    </div>
  );
}
