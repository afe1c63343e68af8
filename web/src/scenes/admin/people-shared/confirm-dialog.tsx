/**
 * "Are you sure?" for actions that are hard to undo (deactivate, revoke, reset): a Radix
 * Dialog that says what will happen, with the action's own name on the confirm button. The
 * trigger is the caller's. Non-modal, as the shortcuts cheat sheet: the modal one injects a
 * <style> (its scroll lock) that the CSP refuses. Focus moves in and back to the opener,
 * Escape or a click outside cancels; a backdrop shows the page behind is not in play.
 */
import * as Dialog from '@radix-ui/react-dialog';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestError } from '../../../components/request-error.tsx';
import './people-shared.css';

interface ConfirmDialogProps {
  trigger: ReactElement;
  title: string;
  /** What happens, in words. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  error?: unknown;
  danger?: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function ConfirmDialog({ trigger, title, children, confirmLabel, onConfirm, pending, error, danger, open, onOpenChange }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange} modal={false}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <div className="admin-dialog-overlay" aria-hidden="true" />
        <Dialog.Content className="admin-dialog">
          <Dialog.Title>{title}</Dialog.Title>
          <Dialog.Description asChild><div className="admin-dialog-body">{children}</div></Dialog.Description>
          <RequestError error={error} />
          <div className="admin-dialog-actions">
            <Dialog.Close asChild><button type="button" className="button">{t('Cancel')}</button></Dialog.Close>
            <button type="button" className={danger ? 'button danger' : 'button primary'} disabled={pending} onClick={onConfirm}>{confirmLabel}</button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
