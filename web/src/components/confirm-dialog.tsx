/**
 * "Are you sure?" before an action that is hard to undo (delete, revoke, deactivate, discard):
 * a native <dialog> opened with showModal(). The browser makes the page behind inert, keeps
 * focus inside, cancels on Escape and gives focus back to the opener; ::backdrop dims the
 * page and a click on it cancels too. Radix's modal dialog could not be used: it injects a
 * <style> (its scroll lock) that the CSP refuses, so ours were non-modal; this one injects
 * nothing. The confirm button carries the action's own name, is disabled while it runs, and
 * a refusal shows inside the dialog (only one that came after this opening's confirm). The open state is the caller's (open, onOpenChange) or,
 * when the caller passes none, the dialog's own: then a promise from onConfirm closes it
 * once it succeeds (`onConfirm={() => remove.mutateAsync()}`).
 */
import { cloneElement, useEffect, useId, useRef, useState, type MouseEvent, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestError } from './request-error.tsx';
import './confirm-dialog.css';

interface ConfirmDialogProps {
  /** The button that opens the dialog (the caller's, with its own label and look). */
  trigger: ReactElement<{ onClick?: (event: MouseEvent<HTMLElement>) => void }>;
  title: string;
  /** What happens, in words. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => unknown;
  pending?: boolean;
  error?: unknown;
  danger?: boolean;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

export function ConfirmDialog({ trigger, title, children, confirmLabel, onConfirm, pending, error, danger, open: given, onOpenChange }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [own, setOwn] = useState(false);
  const open = given ?? own;
  /** Whether confirm was pressed since the dialog opened: an error from an earlier try is not shown. */
  const [tried, setTried] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const setOpen = (next: boolean) => {
    if (given === undefined) setOwn(next);
    onOpenChange?.(next);
  };
  useEffect(() => {
    const dialog = ref.current;
    if (open && !dialog?.open) { setTried(false); dialog?.showModal(); }
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  const confirm = () => {
    setTried(true);
    const done = onConfirm();
    if (given === undefined && done instanceof Promise) done.then(() => setOpen(false), () => undefined);
  };
  const opener = cloneElement(trigger, {
    'aria-haspopup': 'dialog', 'aria-expanded': open,
    onClick: (event: MouseEvent<HTMLElement>) => { trigger.props.onClick?.(event); setOpen(true); },
  } as Partial<typeof trigger.props>);
  return (
    <>
      {opener}
      {/* The content fills the dialog, so a click whose target is the dialog itself fell on the backdrop. */}
      <dialog ref={ref} className="confirm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`}
        onCancel={(event) => { event.preventDefault(); setOpen(false); }}
        onClick={(event) => { if (event.target === event.currentTarget) setOpen(false); }}>
        <div className="confirm-dialog-content">
          <h2 id={`${id}-title`}>{title}</h2>
          <div id={`${id}-body`} className="confirm-dialog-body">{children}</div>
          <RequestError error={tried ? error : undefined} />
          <div className="confirm-dialog-actions">
            <button type="button" className="button" onClick={() => setOpen(false)}>{t('Cancel')}</button>
            <button type="button" className={danger ? 'button danger' : 'button primary'} disabled={pending} onClick={confirm}>{confirmLabel}</button>
          </div>
        </div>
      </dialog>
    </>
  );
}
