/**
 * One template in one language: subject, plain text and HTML, the variables that template may
 * use (inserted at the caret of the field last used), a preview rendered as it would be mailed
 * (in the thread's sandboxed mail frame: no scripts), save, and reset to the built-in version.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RequestError } from '../../../components/request-error.tsx';
import { useTitle } from '../../../hooks/use-title.ts';
import { MailHtmlFrame } from '../../ticket-thread/mail-html-frame.tsx';
import { Field } from '../../../components/field.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { fieldErrors, hasFieldErrors } from '../../../components/field-errors.ts';
import type { MailTemplate } from '../people-shared/types.ts';
import { insertVariable } from './insert-variable.ts';
import { withoutInlineStyles } from './preview-html.ts';
import { LANGUAGE_NAMES, VARIABLE_TEXTS } from './template-texts.ts';
import { templateName } from './templates-page.tsx';
import { useChangeTemplate, useMailTemplate, usePreview, type TemplateDraft } from './templates-queries.ts';

type Part = keyof TemplateDraft;

export function TemplateEditor() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const template = useMailTemplate(id);
  if (template.isPending) return <p role="status">{t('Loading…')}</p>;
  if (!template.data) return <RequestError error={template.error} />;
  return <Editor template={template.data} key={id} />;
}

function Editor({ template }: { template: MailTemplate }) {
  const { t } = useTranslation();
  const title = t('{{mail}} in {{language}}', { mail: t(templateName(template.key)), language: t(LANGUAGE_NAMES[template.language] ?? template.language) });
  useTitle(title);
  const [draft, setDraft] = useState<TemplateDraft>({ subject: template.subject, text: template.text, html: template.html });
  const [savedNote, setSavedNote] = useState<string>();
  const [confirmReset, setConfirmReset] = useState(false);
  const save = useChangeTemplate(template.id, 'save');
  const reset = useChangeTemplate(template.id, 'reset');
  const preview = usePreview(template.id);
  const fields = useRef<Partial<Record<Part, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  const lastPart = useRef<Part>('html');
  const errors = { ...fieldErrors(preview.error), ...fieldErrors(save.error) };

  const set = (part: Part, value: string) => { setDraft((d) => ({ ...d, [part]: value })); setSavedNote(undefined); };
  const insert = (name: string) => {
    const part = lastPart.current;
    const node = fields.current[part];
    const { text, caret } = insertVariable(draft[part], name, node?.selectionStart ?? null, node?.selectionEnd ?? null);
    set(part, text);
    requestAnimationFrame(() => { node?.focus(); node?.setSelectionRange(caret, caret); });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    preview.reset();
    save.mutate(draft, { onSuccess: (saved) => { setDraft({ subject: saved.subject, text: saved.text, html: saved.html }); setSavedNote(t('Saved. The next mail of this kind uses it.')); } });
  };
  const doReset = () => reset.mutate(undefined, {
    onSuccess: (builtin) => {
      setDraft({ subject: builtin.subject, text: builtin.text, html: builtin.html });
      setConfirmReset(false);
      save.reset(); preview.reset();
      setSavedNote(t('Back to the built-in template.'));
    },
  });
  const bind = (part: Part) => ({
    ref: (node: HTMLInputElement | HTMLTextAreaElement | null) => { fields.current[part] = node; },
    value: draft[part],
    onFocus: () => { lastPart.current = part; },
    onChange: (e: { target: { value: string } }) => set(part, e.target.value),
  });

  return (
    <section aria-labelledby="template-title">
      <p><Link to="/admin/templates/">{t('All mail templates')}</Link></p>
      <h2 id="template-title">{title}</h2>
      <p className="admin-muted">{template.overridden ? t('Customised: your own version is used.') : t('Built-in: Parley’s own wording is used.')}</p>
      <div className="template-editor">
        <form className="admin-form" noValidate onSubmit={submit}>
          <Field id="template-subject" label={t('Subject')} error={errors.subject} hint={t('One line; it must contain {{variable}} so replies find their ticket.', { variable: '{{ticket.number}}' })}>
            <input type="text" {...bind('subject')} />
          </Field>
          <Field id="template-html" label={t('HTML part')} error={errors.html}>
            <textarea rows={12} {...bind('html')} />
          </Field>
          <Field id="template-text" label={t('Plain-text part')} error={errors.text} hint={t('Left empty, it is made from the HTML part when you save.')}>
            <textarea rows={8} {...bind('text')} />
          </Field>
          {!hasFieldErrors(save.error) && <RequestError error={save.error} />}
          {!hasFieldErrors(preview.error) && <RequestError error={preview.error} />}
          <div className="admin-actions">
            <button type="submit" className="button primary" disabled={save.isPending}>{t('Save template')}</button>
            <button type="button" className="button" disabled={preview.isPending} onClick={() => { save.reset(); preview.mutate(draft); }}>{t('Preview')}</button>
            <ConfirmDialog open={confirmReset} onOpenChange={(o) => { setConfirmReset(o); if (!o) reset.reset(); }}
              trigger={<button type="button" className="button" disabled={!template.overridden}>{t('Reset to default…')}</button>}
              title={t('Go back to the built-in template?')} confirmLabel={t('Reset to default')} danger
              onConfirm={doReset} pending={reset.isPending} error={reset.error}>
              <p>{t('Your version of this mail in this language is deleted; the next mail uses Parley’s own wording. Other languages keep theirs.')}</p>
            </ConfirmDialog>
            {savedNote && <p className="admin-saved" role="status">{savedNote}</p>}
          </div>
        </form>
        <aside className="template-variables" aria-labelledby="variables-title">
          <h3 id="variables-title">{t('Variables')}</h3>
          <p className="hint">{t('Insert puts one where the cursor was in the field you last used.')}</p>
          <ul>
            {template.variables.map((v) => (
              <li key={v.name}>
                <button type="button" className="button small" onClick={() => insert(v.name)} aria-label={t('Insert {{variable}}', { variable: v.name })}>
                  <code>{`{{${v.name}}}`}</code>
                </button>
                <small>{VARIABLE_TEXTS[v.name] ? t(VARIABLE_TEXTS[v.name]) : v.description}</small>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      {preview.data && (
        <section className="template-preview" aria-labelledby="preview-title">
          <h3 id="preview-title">{t('Preview')}</h3>
          <p className="admin-muted">{t('A sample ticket, TK-000042, filled in as it would be mailed.')}</p>
          <p><strong>{t('Subject')}:</strong> <span>{preview.data.subject}</span></p>
          <PreviewFrame html={preview.data.html} />
          <h4>{t('Plain-text part')}{preview.data.text_derived && <small className="hint"> ({t('made from the HTML part')})</small>}</h4>
          <pre>{preview.data.text}</pre>
        </section>
      )}
    </section>
  );
}

/** The rendered HTML part in the thread's sandboxed mail frame (no scripts), inline styles left out. */
function PreviewFrame({ html }: { html: string }) {
  const { t } = useTranslation();
  const shown = withoutInlineStyles(html);
  return (
    <>
      <MailHtmlFrame html={shown.html} attachments={[]} />
      {shown.hadStyles && <p className="hint">{t('Inline styles (colours, sizes) are left out of this preview; the mail keeps them.')}</p>}
    </>
  );
}
