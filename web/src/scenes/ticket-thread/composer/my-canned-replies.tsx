/**
 * An agent's own canned replies, from the composer (agents have no admin area): a dialog
 * that lists them (to delete one) and saves what is in the editor as a new one. Admins
 * also get the way to the shared ones' screen.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../api/types.ts';
import { Field } from '../../../components/field.tsx';
import { RequestError } from '../../../components/request-error.tsx';
import { useCannedReplies, useSaveCannedReply } from './canned-replies-queries.ts';
import type { EditorValue } from './editor-value.ts';

export function MyCannedReplies({ current, me }: { current: EditorValue; me: Me }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const mine = useCannedReplies({ mine: 'true' }, open);
  const save = useSaveCannedReply();
  const [name, setName] = useState('');
  const [shortcut, setShortcut] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) { setNameError('Give it a name.'); return; }
    setNameError(undefined);
    save.mutate({ id: null, body: { name, shortcut: shortcut || undefined, body: current.text, ...(current.rich && { body_html: current.html }) } }, {
      onSuccess: () => { setName(''); setShortcut(''); setSaved(true); },
    });
  };

  return (
    <Dialog.Root open={open} onOpenChange={(o) => { setOpen(o); setSaved(false); save.reset(); }}>
      <Dialog.Trigger asChild><button type="button" className="button link-button">{t('My canned replies')}</button></Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog canned-dialog">
          <Dialog.Title>{t('My canned replies')}</Dialog.Title>
          <Dialog.Description>{t('Only you see these. Type / in the editor to insert one.')}</Dialog.Description>
          {mine.isPending && <p role="status">{t('Loading…')}</p>}
          {mine.data?.length === 0 && <p>{t('You have no canned replies of your own yet.')}</p>}
          {!!mine.data?.length && (
            <ul className="canned-mine">
              {mine.data.map((r) => (
                <li key={r.id}>
                  <span className="canned-name">{r.name}</span>{r.shortcut && <code>/{r.shortcut}</code>}
                  <button type="button" className="button" onClick={() => save.mutate({ id: r.id, body: null })}
                    aria-label={t('Delete {{name}}', { name: r.name })}>{t('Delete')}</button>
                </li>
              ))}
            </ul>
          )}
          <form onSubmit={submit} noValidate className="canned-save">
            <h3>{t('Save as canned reply')}</h3>
            {current.empty
              ? <p className="hint">{t('Write something in the editor first: it is saved as the text.')}</p>
              : (
                <>
                  <Field id="canned-save-name" label={t('Name')} error={nameError}>
                    <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
                  </Field>
                  <Field id="canned-save-shortcut" label={t('Shortcut (optional)')}>
                    <input value={shortcut} onChange={(e) => setShortcut(e.target.value)} maxLength={50} />
                  </Field>
                  <button type="submit" className="button primary" disabled={save.isPending}>{t('Save as canned reply')}</button>
                </>
              )}
            {saved && <p role="status">{t('Saved.')}</p>}
            <RequestError error={save.error} />
          </form>
          {me.role === 'admin' && <p><Link to="/admin/canned-replies/">{t('Manage the shared canned replies')}</Link></p>}
          <Dialog.Close asChild><button type="button" className="button">{t('Close')}</button></Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
