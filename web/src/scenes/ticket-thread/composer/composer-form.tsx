/**
 * One composer (a reply, or an internal note): the rich editor with its draft kept as you
 * type, attachments, and sending in three steps. Send (or Ctrl/Cmd+Enter) first checks
 * whether someone else wrote since you started (collision-warning.tsx), then holds the
 * message for a few seconds with Undo (undo-bar.tsx), then posts it. A refused send puts
 * the text back. Leaving the page while a message is held sends it at once; a reload or a
 * closed tab keeps it as the draft instead (it comes back in the editor), so nothing is lost.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, ThreadMessage, TicketWithThread } from '../../../api/types.ts';
import { Field } from '../../../components/field.tsx';
import { RequestError } from '../../../components/request-error.tsx';
import { isStaff } from '../../../hooks/use-session.ts';
import { useSendMessage } from '../queries.ts';
import type { StaffUser } from '../side-panel-queries.ts';
import { useCannedReplies } from './canned-replies-queries.ts';
import { CollisionWarning } from './collision-warning.tsx';
import { EMPTY_VALUE, type EditorValue } from './editor-value.ts';
import { LazyRichEditor } from './lazy-editor.tsx';
import { MyCannedReplies } from './my-canned-replies.tsx';
import type { RichEditorHandle } from './rich-editor.tsx';
import { cannedSource, mentionSource, variableValues } from './suggestion-sources.ts';
import { UndoBar } from './undo-bar.tsx';
import { useArrivals } from './use-arrivals.ts';
import { useDraft } from './use-draft.ts';
import './composer.css';

export type Kind = 'reply' | 'note';
/** How long a sent message waits for Undo. */
export const UNDO_MS = 5000;

interface Held { value: EditorValue; files: File[]; until: number }

interface Props {
  ticket: TicketWithThread;
  me: Me;
  kind: Kind;
  handle: React.RefObject<RichEditorHandle | null>;
  /** Whom `@` offers (internal notes only). */
  mentionable?: StaffUser[];
  onWriting(kind: Kind, writing: boolean): void;
}

export function ComposerForm({ ticket, me, kind, handle, mentionable, onWriting }: Props) {
  const { t } = useTranslation();
  const staff = isStaff(me);
  const send = useSendMessage(ticket.id, me);
  const draft = useDraft(me.id, ticket.id, kind);
  const { keep } = draft;
  const [value, setValue] = useState<EditorValue>(EMPTY_VALUE);
  const [files, setFiles] = useState<File[]>([]);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const [held, setHeld] = useState<Held | null>(null);
  const heldRef = useRef<Held | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [warning, setWarning] = useState<ThreadMessage[] | null>(null);
  const arrivals = useArrivals(ticket.id, me.id, !value.empty || held !== null);
  const canned = useCannedReplies({ department: ticket.department.id }, staff);
  const mounted = useRef(true);
  /** The HTML of a message sent and not yet answered: kept as the draft if the page goes meanwhile. */
  const inFlight = useRef<string | null>(null);
  useEffect(() => {
    const leaving = () => { if (inFlight.current && handle.current?.value().empty !== false) keep(inFlight.current); };
    window.addEventListener('pagehide', leaving);
    return () => window.removeEventListener('pagehide', leaving);
  }, [keep, handle]);

  useEffect(() => { onWriting(kind, !value.empty); }, [kind, value.empty, onWriting]);

  const onChange = (v: EditorValue) => {
    setValue(v);
    if (error && !v.empty) setError(undefined);
    if (!heldRef.current) draft.schedule(v);
  };

  /** Posts the held message now. */
  const release = () => {
    clearTimeout(timer.current);
    const h = heldRef.current;
    if (!h) return;
    heldRef.current = null;
    if (mounted.current) setHeld(null);
    // The draft goes now (a reload right after Send must not bring back a sent message), and
    // comes back if the send fails, or if the page is left before the server answered.
    draft.clear(h.value.html);
    inFlight.current = h.value.html;
    send.mutateAsync({ body: h.value.text, ...(h.value.rich && { body_html: h.value.html }), message_type: kind, files: h.files })
      .then(() => {
        inFlight.current = null;
        if (!mounted.current) return;
        setFiles([]);
        setFileInputKey((k) => k + 1);
        const now = handle.current?.value();
        if (now && !now.empty) draft.schedule(now);
      })
      .catch(() => {
        // Refused: the text goes back in the editor, and in the draft if the editor has nothing newer.
        inFlight.current = null;
        if (!mounted.current || handle.current?.value().empty) draft.keep(h.value.html);
        if (mounted.current && handle.current?.value().empty) handle.current.setHtml(h.value.html);
      });
  };

  const hold = (v: EditorValue) => {
    const h = { value: v, files, until: Date.now() + UNDO_MS };
    heldRef.current = h;
    draft.keep(v.html);
    setHeld(h);
    handle.current?.setHtml('');
    timer.current = setTimeout(release, UNDO_MS);
  };

  const undo = () => {
    clearTimeout(timer.current);
    const h = heldRef.current;
    heldRef.current = null;
    setHeld(null);
    if (!h) return;
    handle.current?.setHtml(h.value.html);
    handle.current?.focus();
  };

  // Leaving the ticket while a message is held sends it at once (release reads refs only: no dependencies).
  useEffect(() => {
    mounted.current = true;
    return () => { mounted.current = false; release(); };
  }, []);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (heldRef.current || warning) return;
    const v = handle.current?.value() ?? value;
    if (v.empty) { setError(kind === 'note' ? 'Write the note first.' : 'Write your reply first.'); return; }
    setError(undefined);
    send.reset();
    const arrived = arrivals.arrived();
    if (arrived.length) { setWarning(arrived); return; }
    hold(v);
  };

  const label = kind === 'note' ? t('Internal note') : t('Your reply');
  const values = variableValues(ticket, me);
  const id = `composer-${kind}`;
  return (
    <form className={`composer composer-${kind}`} onSubmit={submit} noValidate>
      {kind === 'note' && <p className="note-warning">{t('Only staff see internal notes.')}</p>}
      <div className="field">
        <LazyRichEditor id={id} label={label} initialHtml={draft.initialHtml} simple={!staff} handle={handle}
          canned={staff && canned.data ? cannedSource(canned.data, values) : null}
          mentions={kind === 'note' && mentionable ? mentionSource(mentionable, me.id) : null}
          onChange={onChange} onSubmit={() => submit()} invalid={!!error} describedBy={error ? `${id}-error` : `${id}-hint`} />
        {error
          ? <p id={`${id}-error`} className="field-error">{t(error)}</p>
          : <small id={`${id}-hint`} className="hint">{staff
            ? (kind === 'note' ? t('Type / for a canned reply, @ to mention someone. Ctrl+Enter sends.') : t('Type / for a canned reply. Ctrl+Enter sends.'))
            : t('Ctrl+Enter sends.')}</small>}
      </div>
      <Field id={`${id}-files`} label={t('Attach files')}>
        <input key={fileInputKey} type="file" multiple disabled={held !== null} onChange={(e) => setFiles([...(e.target.files ?? [])])} />
      </Field>
      <RequestError error={send.error} />
      {warning && (
        <CollisionWarning arrived={warning}
          onSendAnyway={() => { const v = handle.current?.value(); setWarning(null); arrivals.acknowledge(); if (v && !v.empty) hold(v); }}
          onReview={() => { setWarning(null); arrivals.acknowledge(); handle.current?.focus(); }} />
      )}
      {held
        ? <UndoBar kind={kind} until={held.until} onUndo={undo} onSendNow={release} />
        : (
          <div className="composer-actions">
            <button type="submit" className={`button ${kind === 'note' ? 'note' : 'primary'}`} disabled={send.isPending || warning !== null}>
              {kind === 'note' ? t('Add note') : t('Send reply')}
            </button>
            <p className="draft-status" aria-live="polite">{draft.saved && !value.empty ? t('Draft saved') : ''}</p>
            {staff && <MyCannedReplies current={value} me={me} />}
          </div>
        )}
    </form>
  );
}
