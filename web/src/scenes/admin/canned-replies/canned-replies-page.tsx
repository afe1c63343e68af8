/**
 * /tickets/admin/canned-replies/: the team's shared canned replies, for every department or
 * one. The text is written in the same rich editor as replies, with the variables it may
 * hold listed beside it. People's own canned replies are theirs alone (the composer's
 * "My canned replies") and are not shown here.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { CANNED_REPLY_VARIABLES } from '../../../../../src/domain/canned-replies/canned-reply-variables.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useDepartments } from '../../../hooks/use-departments.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import { type CannedReply, useCannedReplies, useCannedReply, useSaveCannedReply } from '../../ticket-thread/composer/canned-replies-queries.ts';
import { EMPTY_VALUE, textToHtml, type EditorValue } from '../../ticket-thread/composer/editor-value.ts';
import { LazyRichEditor } from '../../ticket-thread/composer/lazy-editor.tsx';
import type { RichEditorHandle } from '../../ticket-thread/composer/rich-editor.tsx';
import { Field } from '../../../components/field.tsx';
import { fieldErrors } from '../../../components/field-errors.ts';
import '../people-shared/people-shared.css';
import './canned-replies.css';

export function CannedRepliesPage() {
  return (
    <Routes>
      <Route index element={<CannedReplyList />} />
      <Route path="new" element={<CannedReplyForm />} />
      <Route path=":id" element={<ExistingCannedReply />} />
    </Routes>
  );
}

function CannedReplyList() {
  const { t } = useTranslation();
  useTitle(t('Canned replies'));
  const list = useCannedReplies({ mine: 'false' });
  const departments = useDepartments();
  const departmentName = (id: number | null) => (id === null ? t('Every department') : departments.data?.find((d) => d.id === id)?.name ?? String(id));
  return (
    <section aria-labelledby="canned-title">
      <div className="admin-head">
        <h2 id="canned-title">{t('Canned replies')}</h2>
        <Link className="button primary" to="new">{t('New canned reply')}</Link>
      </div>
      <p className="hint">{t('Shared with the agents of their department. Agents insert them by typing / in the editor; each also keeps canned replies of their own.')}</p>
      {list.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={list.error} />
      {list.isSuccess && list.data.length === 0 && <p className="empty">{t('No shared canned replies yet.')}</p>}
      {!!list.data?.length && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead><tr><th scope="col">{t('Name')}</th><th scope="col">{t('Shortcut')}</th><th scope="col">{t('Department')}</th><th scope="col">{t('Text')}</th></tr></thead>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`${r.id}/`}>{r.name}</Link></td>
                  <td>{r.shortcut ? <code>/{r.shortcut}</code> : '—'}</td>
                  <td>{departmentName(r.department)}</td>
                  <td className="canned-excerpt">{r.body.length > 120 ? `${r.body.slice(0, 117)}…` : r.body}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ExistingCannedReply() {
  const { t } = useTranslation();
  const { id } = useParams();
  const reply = useCannedReply(id);
  if (reply.isPending) return <p role="status">{t('Loading…')}</p>;
  if (!reply.data) return <RequestError error={reply.error} />;
  return <CannedReplyForm reply={reply.data} key={reply.data.id} />;
}

function CannedReplyForm({ reply }: { reply?: CannedReply }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useTitle(reply ? reply.name : t('New canned reply'));
  const departments = useDepartments();
  const [name, setName] = useState(reply?.name ?? '');
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? '');
  const [department, setDepartment] = useState(reply?.department ? String(reply.department) : '');
  const [text, setText] = useState<EditorValue>(EMPTY_VALUE);
  const editor = useRef<RichEditorHandle | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useSaveCannedReply();
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const v = editor.current?.value() ?? text;
    const body = { name: name.trim(), shortcut: shortcut.trim() || null, department: department ? Number(department) : null, body: v.text, body_html: v.rich ? v.html : null };
    save.mutate(reply ? { id: reply.id, body } : { id: null, body: { ...body, shared: true } }, {
      onSuccess: (r) => { if (reply) setSaved(true); else if (r) navigate(`/admin/canned-replies/${r.id}/`); },
    });
  };
  const remove = () => save.mutate({ id: reply!.id, body: null }, { onSuccess: () => navigate('/admin/canned-replies/') });
  return (
    <section aria-labelledby="canned-form-title">
      <p><Link to="/admin/canned-replies/">{t('All canned replies')}</Link></p>
      <h2 id="canned-form-title">{reply ? reply.name : t('New canned reply')}</h2>
      <form className="admin-form" noValidate onSubmit={submit}>
        <Field id="canned-name" label={t('Name')} error={errors.name}>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </Field>
        <Field id="canned-shortcut" label={t('Shortcut (optional)')} error={errors.shortcut} hint={t('A word to find it by after /, e.g. refund.')}>
          <input type="text" value={shortcut} onChange={(e) => setShortcut(e.target.value)} maxLength={50} />
        </Field>
        <Field id="canned-department" label={t('Department')} error={errors.department}>
          <select value={department} onChange={(e) => setDepartment(e.target.value)}>
            <option value="">{t('Every department')}</option>
            {departments.data?.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        </Field>
        <div className="field">
          <LazyRichEditor id="canned-text" label={t('Text')} initialHtml={reply ? reply.body_html ?? textToHtml(reply.body) : ''} simple={false}
            canned={null} mentions={null} handle={editor} onChange={setText} onSubmit={() => undefined}
            invalid={!!(errors.body ?? errors.body_html)} describedBy="canned-variables" />
          {(errors.body ?? errors.body_html) && <p className="field-error">{errors.body ?? errors.body_html}</p>}
        </div>
        <details id="canned-variables" className="canned-variables">
          <summary>{t('Variables you can use')}</summary>
          <dl>
            {CANNED_REPLY_VARIABLES.map((v) => <div key={v.name}><dt><code>{`{{${v.name}}}`}</code></dt><dd>{t(VARIABLE_TEXT[v.name])}</dd></div>)}
          </dl>
        </details>
        {Object.keys(errors).length === 0 && <RequestError error={save.error} />}
        <div className="admin-actions">
          <button type="submit" className="button primary" disabled={save.isPending || !name.trim()}>{reply ? t('Save changes') : t('Create canned reply')}</button>
          {reply && <button type="button" className="button" onClick={remove} disabled={save.isPending}>{t('Delete')}</button>}
          {saved && <p className="saved-note" role="status">{t('Saved.')}</p>}
        </div>
      </form>
    </section>
  );
}

/** What each variable becomes, in words (the server's descriptions are for the API documentation). */
const VARIABLE_TEXT: Record<(typeof CANNED_REPLY_VARIABLES)[number]['name'], string> = {
  'ticket.number': 'The ticket number, e.g. TK-000042',
  'ticket.subject': 'The ticket subject',
  'requester.name': 'The name of the person who opened the ticket',
  'requester.first_name': 'Their first name',
  'requester.email': 'Their email address',
  'agent.name': 'The name of the agent writing',
  'agent.first_name': 'The agent’s first name',
  'department.name': 'The ticket’s department',
};
