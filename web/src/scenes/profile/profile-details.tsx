/** Name and language, saved together through PATCH /tickets/api/me/; the new language applies at once (the layout follows the session). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/index.ts';
import { api, ApiError } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { Field } from '../../components/field.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { sessionKey } from '../../hooks/use-session.ts';

/** Each language named in itself, so a person who cannot read the current one still finds theirs. */
const BROWSER_DEFAULT = '';

export function ProfileDetails({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(me.name);
  const [language, setLanguage] = useState(me.language ?? BROWSER_DEFAULT);
  const save = useMutation({
    mutationFn: (body: { name: string; language: string | null }) => api<Me>('PATCH', '/me/', body),
    onSuccess: (saved) => queryClient.setQueryData(sessionKey, saved),
  });
  const nameError = name.trim() === '' ? 'Enter your name.' : save.error instanceof ApiError ? save.error.fieldError('name') : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') return;
    save.mutate({ name: name.trim(), language: language === BROWSER_DEFAULT ? null : language });
  };
  return (
    <section aria-labelledby="details-title" className="profile-section">
      <h2 id="details-title">{t('Name and language')}</h2>
      <form noValidate onSubmit={submit}>
        <Field id="profile-name" label={t('Name')} error={nameError}>
          <input type="text" autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id="profile-language" label={t('Language')} hint={t('"Browser default" follows the language your browser asks for.')}>
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value={BROWSER_DEFAULT}>{t('Browser default')}</option>
            {LANGUAGES.map((code) => <option key={code} value={code} lang={code}>{LANGUAGE_NAMES[code]}</option>)}
          </select>
        </Field>
        <RequestError error={save.error} />
        <div className="profile-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>{t('Save')}</button>
          {save.isSuccess && <p role="status" className="saved">{t('Saved.')}</p>}
        </div>
      </form>
    </section>
  );
}
