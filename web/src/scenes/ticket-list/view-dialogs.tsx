/**
 * The dialogs of the views menu: name a view (save this view, rename) and delete one.
 * Radix Dialog, non-modal (the modal one injects a <style> for its scroll lock, which the
 * CSP refuses): focus moves in, Escape closes, focus goes back to the opener; a refused
 * request keeps what was typed and says why.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { RequestError } from '../../components/request-error.tsx';

interface Shell { open: boolean; onOpenChange: (open: boolean) => void; title: string; children: ReactNode }

function Shell({ open, onOpenChange, title, children }: Shell) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange} modal={false}>
      <Dialog.Portal>
        <Dialog.Content className="views-dialog" aria-describedby={undefined}>
          <Dialog.Title>{title}</Dialog.Title>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

interface NameProps {
  open: boolean; onOpenChange: (open: boolean) => void; title: string; submitLabel: string;
  initial: string; pending: boolean; error: unknown; onSubmit: (name: string) => void;
}

/** Asks for a view's name; a name already taken (409) is said beside the field. */
export function ViewNameDialog({ open, onOpenChange, title, submitLabel, initial, pending, error, onSubmit }: NameProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  useEffect(() => { if (open) setName(initial); }, [open, initial]);
  const taken = error instanceof ApiError && error.status === 409;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onSubmit(name.trim());
  };
  return (
    <Shell open={open} onOpenChange={onOpenChange} title={title}>
      <form onSubmit={submit} className="views-dialog-form">
        <label className="field">
          <span>{t('Name of the view')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required aria-invalid={taken || undefined}
            aria-describedby={taken ? 'view-name-error' : undefined} />
        </label>
        {taken ? <p id="view-name-error" className="field-error" role="alert">{t('You already have a view with this name.')}</p> : <RequestError error={error} />}
        <div className="views-dialog-actions">
          <Dialog.Close asChild><button type="button" className="button">{t('Cancel')}</button></Dialog.Close>
          <button type="submit" className="button primary" disabled={pending || !name.trim()}>{submitLabel}</button>
        </div>
      </form>
    </Shell>
  );
}

interface DeleteProps { open: boolean; onOpenChange: (open: boolean) => void; name: string; pending: boolean; error: unknown; onConfirm: () => void }

export function DeleteViewDialog({ open, onOpenChange, name, pending, error, onConfirm }: DeleteProps) {
  const { t } = useTranslation();
  return (
    <Shell open={open} onOpenChange={onOpenChange} title={t('Delete the view "{{name}}"?', { name })}>
      <p>{t('The tickets stay as they are; only this saved view goes.')}</p>
      <RequestError error={error} />
      <div className="views-dialog-actions">
        <Dialog.Close asChild><button type="button" className="button">{t('Cancel')}</button></Dialog.Close>
        <button type="button" className="button danger" disabled={pending} onClick={onConfirm}>{t('Delete view')}</button>
      </div>
    </Shell>
  );
}
