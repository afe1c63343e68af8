/**
 * /tickets/admin/settings/: every tenant setting on one page, in sections, each with its
 * control and its explanation. Each section saves on its own and sends only what changed;
 * the server's refusals land on their setting.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useTitle } from '../../../hooks/use-title.ts';
import { fieldErrors, hasFieldErrors } from '../../../components/field-errors.ts';
import type { SettingKey, SettingsAnswer, TenantSettings } from '../people-shared/types.ts';
import '../people-shared/people-shared.css';
import { SettingControl } from './setting-control.tsx';
import { SECTIONS, settingsOf, type SectionId } from './setting-texts.ts';
import { changedSettings } from './settings-diff.ts';
import './settings.css';

const settingsKey = ['admin', 'settings'] as const;

export function SettingsPage() {
  const { t } = useTranslation();
  useTitle(t('Settings'));
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => api<SettingsAnswer>('GET', '/settings/') });
  const [draft, setDraft] = useState<TenantSettings>();
  if (settings.isPending) return <p role="status">{t('Loading…')}</p>;
  if (!settings.data) return <RequestError error={settings.error} />;
  const saved = settings.data.settings;
  const shown = draft ?? saved;
  const change = (key: SettingKey, value: unknown) => setDraft({ ...shown, [key]: value });

  return (
    <section aria-labelledby="settings-title" className="settings">
      <h2 id="settings-title">{t('Settings')}</h2>
      <p className="admin-muted">{t('Each section saves on its own; only the settings you changed are sent.')}</p>
      {(Object.keys(SECTIONS) as SectionId[]).map((section) => (
        <SettingsSection key={section} section={section} saved={saved} draft={shown} onChange={change}
          onSaved={(next) => setDraft((d) => d && { ...d, ...pick(next, settingsOf(section)) })} />
      ))}
    </section>
  );
}

const pick = (s: TenantSettings, keys: SettingKey[]) => Object.fromEntries(keys.map((k) => [k, s[k]]));

interface SectionProps {
  section: SectionId;
  saved: TenantSettings;
  draft: TenantSettings;
  onChange: (key: SettingKey, value: unknown) => void;
  onSaved: (settings: TenantSettings) => void;
}

function SettingsSection({ section, saved, draft, onChange, onSaved }: SectionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keys = settingsOf(section);
  const changes = changedSettings(saved, draft, keys);
  const dirty = Object.keys(changes).length > 0;
  const [done, setDone] = useState(false);
  const save = useMutation({
    mutationFn: (body: Partial<Record<SettingKey, unknown>>) => api<SettingsAnswer>('PATCH', '/settings/', body),
    onSuccess: (answer) => {
      queryClient.setQueryData(settingsKey, answer);
      onSaved(answer.settings);
      setDone(true);
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (dirty) save.mutate(changes);
  };
  const titleId = `settings-${section}`;
  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{t(SECTIONS[section])}</h3>
      <form noValidate onSubmit={submit}>
        {keys.map((key) => (
          <SettingControl key={key} name={key} value={draft[key]} error={errors[key]}
            onChange={(value) => { setDone(false); onChange(key, value); }} />
        ))}
        {!hasFieldErrors(save.error) && <RequestError error={save.error} />}
        <div className="admin-actions">
          <button type="submit" className="button primary" disabled={!dirty || save.isPending}>{t('Save changes')}</button>
          {dirty && <span className="admin-muted">{t('Unsaved changes')}</span>}
          {done && !dirty && <p className="admin-saved" role="status">{t('Saved.')}</p>}
        </div>
      </form>
    </section>
  );
}
