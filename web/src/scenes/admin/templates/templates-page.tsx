/** /tickets/admin/templates/: every notification mail × language, marked when customised; <key>.<language>/ edits one. */
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { RequestError } from '../../../components/request-error.tsx';
import { useTitle } from '../../../hooks/use-title.ts';
import type { MailTemplate } from '../people-shared/types.ts';
import '../people-shared/people-shared.css';
import { TemplateEditor } from './template-editor.tsx';
import { LANGUAGE_NAMES, TEMPLATE_LABELS } from './template-texts.ts';
import { useMailTemplates } from './templates-queries.ts';
import './templates.css';

export function TemplatesPage() {
  return (
    <Routes>
      <Route index element={<TemplateList />} />
      <Route path=":id" element={<TemplateEditor />} />
    </Routes>
  );
}

/** The English name of a template key (the API's key itself for one added later). */
export const templateName = (key: string): string => (TEMPLATE_LABELS as Record<string, { name: string } | undefined>)[key]?.name ?? key;

function TemplateList() {
  const { t } = useTranslation();
  useTitle(t('Mail templates'));
  const list = useMailTemplates();
  const rows = new Map<string, MailTemplate[]>();
  for (const tpl of list.data?.results ?? []) rows.set(tpl.key, [...(rows.get(tpl.key) ?? []), tpl]);
  const languages = [...new Set((list.data?.results ?? []).map((tpl) => tpl.language))];
  return (
    <section aria-labelledby="templates-title">
      <h2 id="templates-title">{t('Mail templates')}</h2>
      <p className="admin-muted">{t('Every mail Parley sends, in each language. Change the wording of any; "Customised" marks your own versions.')}</p>
      {list.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={list.error} />
      {rows.size > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr><th scope="col">{t('Mail')}</th>{languages.map((l) => <th key={l} scope="col">{t(LANGUAGE_NAMES[l] ?? l)}</th>)}</tr>
            </thead>
            <tbody>
              {[...rows].map(([key, templates]) => (
                <tr key={key}>
                  <th scope="row">
                    {t(templateName(key))}
                    {key in TEMPLATE_LABELS && <small className="hint template-when">{t(TEMPLATE_LABELS[key as keyof typeof TEMPLATE_LABELS].when)}</small>}
                  </th>
                  {templates.map((tpl) => (
                    <td key={tpl.id}>
                      <Link to={`${tpl.id}/`} aria-label={t('Edit {{mail}} in {{language}}', { mail: t(templateName(key)), language: t(LANGUAGE_NAMES[tpl.language] ?? tpl.language) })}>
                        {t('Edit')}
                      </Link>
                      {tpl.overridden ? <span className="badge customised">{t('Customised')}</span> : <span className="admin-muted"> {t('Built-in')}</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
