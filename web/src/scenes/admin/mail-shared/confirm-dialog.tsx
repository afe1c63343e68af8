/**
 * Asks before something that cannot be taken back (delete, discard): a Radix dialog; focus
 * moves in and back to the opener, Escape or a click outside cancels. Non-modal, as the
 * shortcuts cheat sheet: the modal one injects a <style> (its scroll lock) that the CSP
 * refuses; a backdrop shows the page behind is not in play.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmProps {
  /** The button that opens the dialog. */
  trigger: string;
  title: string;
  children: ReactNode;
  confirm: string;
  onConfirm: () => void;
  disabled?: boolean;
}

export function ConfirmDialog({ trigger, title, children, confirm, onConfirm, disabled }: ConfirmProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen} modal={false}>
      <Dialog.Trigger asChild><button type="button" className="button mail-danger" disabled={disabled}>{trigger}</button></Dialog.Trigger>
      <Dialog.Portal>
        <div className="mail-dialog-overlay" aria-hidden="true" />
        <Dialog.Content className="mail-dialog">
          <Dialog.Title>{title}</Dialog.Title>
          <Dialog.Description asChild><div>{children}</div></Dialog.Description>
          <div className="mail-actions">
            <Dialog.Close asChild><button type="button" className="button">{t('Cancel')}</button></Dialog.Close>
            <button type="button" className="button mail-danger" onClick={() => { setOpen(false); onConfirm(); }}>{confirm}</button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
