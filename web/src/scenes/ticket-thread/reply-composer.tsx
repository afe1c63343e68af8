/**
 * Writing on a ticket. Staff choose between a reply (the customer gets it) and an internal
 * note (staff only) on two tabs that look and read differently; customers only reply.
 * A refused send keeps the text in the box.
 */
import * as Tabs from '@radix-ui/react-tabs';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types.ts';
import { Field } from '../../components/field.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { isStaff } from '../../hooks/use-session.ts';
import { useSendMessage } from './queries.ts';

type Kind = 'reply' | 'note';

function ComposerForm({ ticketId, me, kind }: { ticketId: string; me: Me; kind: Kind }) {
  const { t } = useTranslation();
  const send = useSendMessage(ticketId, me);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) { setError(kind === 'note' ? 'Write the note first.' : 'Write your reply first.'); return; }
    setError(undefined);
    send.mutate({ body, message_type: kind, files }, {
      onSuccess: () => { setBody(''); setFiles([]); setFileInputKey((k) => k + 1); },
    });
  };
  const label = kind === 'note' ? t('Internal note') : t('Your reply');
  return (
    <form className={`composer composer-${kind}`} onSubmit={submit} noValidate>
      {kind === 'note' && <p className="note-warning">{t('Only staff see internal notes.')}</p>}
      <Field id={`composer-${kind}`} label={label} error={error}>
        <textarea rows={6} value={body} onChange={(e) => { setBody(e.target.value); if (error) setError(undefined); }} />
      </Field>
      <Field id={`composer-${kind}-files`} label={t('Attach files')}>
        <input key={fileInputKey} type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />
      </Field>
      <RequestError error={send.error} />
      <button type="submit" className={`button ${kind === 'note' ? 'note' : 'primary'}`} disabled={send.isPending}>
        {kind === 'note' ? t('Add note') : t('Send reply')}
      </button>
    </form>
  );
}

export function ReplyComposer({ ticketId, me }: { ticketId: string; me: Me }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('reply');
  if (!isStaff(me)) return <ComposerForm ticketId={ticketId} me={me} kind="reply" />;
  return (
    <Tabs.Root value={kind} onValueChange={(v) => setKind(v as Kind)} className="composer-tabs">
      <Tabs.List aria-label={t('Write')}>
        <Tabs.Trigger value="reply">{t('Reply')}</Tabs.Trigger>
        <Tabs.Trigger value="note">{t('Internal note')}</Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value="reply"><ComposerForm ticketId={ticketId} me={me} kind="reply" /></Tabs.Content>
      <Tabs.Content value="note"><ComposerForm ticketId={ticketId} me={me} kind="note" /></Tabs.Content>
    </Tabs.Root>
  );
}
