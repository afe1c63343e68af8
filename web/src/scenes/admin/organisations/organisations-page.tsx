/** /tickets/admin/organisations/: customer companies and the mail domains that make someone a member. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useTitle } from '../../../hooks/use-title.ts';
import { Field } from '../../../components/field.tsx';
import { fieldErrors } from '../../../components/field-errors.ts';
import { ListEditor } from '../people-shared/list-editor.tsx';
import type { Organisation } from '../people-shared/types.ts';
import '../people-shared/people-shared.css';
import { normaliseDomain } from './domains.ts';
import { useOrganisation, useOrganisations, useSaveOrganisation } from './organisations-queries.ts';

export function OrganisationsPage() {
  return (
    <Routes>
      <Route index element={<OrganisationList />} />
      <Route path="new" element={<OrganisationForm />} />
      <Route path=":id" element={<ExistingOrganisation />} />
    </Routes>
  );
}

function OrganisationList() {
  const { t } = useTranslation();
  useTitle(t('Organisations'));
  const list = useOrganisations();
  const rows = list.data?.pages.flatMap((p) => p.results) ?? [];
  return (
    <section aria-labelledby="orgs-title">
      <div className="admin-head">
        <h2 id="orgs-title">{t('Organisations')}</h2>
        <Link className="button primary" to="new">{t('New organisation')}</Link>
      </div>
      {list.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={list.error} />
      {list.isSuccess && rows.length === 0 && <p className="empty">{t('No organisations yet.')}</p>}
      {rows.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead><tr><th scope="col">{t('Name')}</th><th scope="col">{t('Mail domains')}</th><th scope="col">{t('Members')}</th></tr></thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id}>
                  <td><Link to={`${o.id}/`}>{o.name}</Link></td>
                  <td>{o.domains.join(', ') || '—'}</td>
                  <td><Link to={`/admin/users/?organisation=${o.id}`} aria-label={t('Members of {{name}}', { name: o.name })}>{t('Members')}</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('Show more')}</button>}
    </section>
  );
}

function ExistingOrganisation() {
  const { t } = useTranslation();
  const { id } = useParams();
  const org = useOrganisation(id);
  if (org.isPending) return <p role="status">{t('Loading…')}</p>;
  if (!org.data) return <RequestError error={org.error} />;
  return <OrganisationForm org={org.data} key={org.data.id} />;
}

function OrganisationForm({ org }: { org?: Organisation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useTitle(org ? org.name : t('New organisation'));
  const [name, setName] = useState(org?.name ?? '');
  const [domains, setDomains] = useState<string[]>(org?.domains ?? []);
  const [saved, setSaved] = useState(false);
  const save = useSaveOrganisation(org?.id);
  const errors = fieldErrors(save.error);
  // A domain another organisation owns answers 409 with the domain named in its detail.
  const conflict = save.error instanceof ApiError && save.error.status === 409 ? save.error.problem?.detail : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate({ name: name.trim(), domains }, {
      onSuccess: (o) => { if (org) setSaved(true); else navigate(`/admin/organisations/${o.id}/`); },
    });
  };
  return (
    <section aria-labelledby="org-title">
      <p><Link to="/admin/organisations/">{t('All organisations')}</Link></p>
      <h2 id="org-title">{org ? org.name : t('New organisation')}</h2>
      <form className="admin-form" noValidate onSubmit={submit}>
        <Field id="org-name" label={t('Name')} error={errors.name}>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <ListEditor id="org-domain" label={t('Add a mail domain')} items={domains} onChange={setDomains}
          empty={t('No mail domains: people join only when you choose the organisation for them.')}
          hint={t('Customers writing from these domains join this organisation, e.g. acme.example.')}
          validate={(value) => (normaliseDomain(value) ? undefined : t('"{{value}}" is not a mail domain (like acme.example).', { value }))}
          normalise={(value) => normaliseDomain(value) ?? value}
          error={errors.domains ?? conflict} />
        {!conflict && Object.keys(errors).length === 0 && <RequestError error={save.error} />}
        <div className="admin-actions">
          <button type="submit" className="button primary" disabled={save.isPending || !name.trim()}>{org ? t('Save changes') : t('Create organisation')}</button>
          {saved && <p className="admin-saved" role="status">{t('Saved.')}</p>}
        </div>
      </form>
    </section>
  );
}
