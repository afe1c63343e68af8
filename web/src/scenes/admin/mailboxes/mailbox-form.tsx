/**
 * A mailbox's settings, new or existing: the protocol and server (IMAP, POP3) or the
 * provider (Microsoft 365, Google) and how to log in; "Test connection" tries what is on
 * the form without saving it; "Connect" sends the admin to the provider's consent page;
 * "Scan now" fetches at once; "Delete" asks first. Secrets are never shown back.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useDepartments } from '../../../hooks/use-departments.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { formErrors } from '../../../components/field-errors.ts';
import { Field } from '../../../components/field.tsx';
import type { ConnectionTest, Mailbox, MailboxScan } from '../mail-shared/types.ts';
import { KIND_LABELS, PROVIDER_LABELS, SECURITY_LABELS, TEST_FAILURES } from './mailbox-labels.ts';
import { mailboxesKey, useMailboxes } from './mailboxes-page.tsx';
import { MailboxState } from './mailbox-state.tsx';

interface Draft {
  name: string; kind: string; host: string; port: string; security: string; auth: string; username: string; password: string;
  provider: string; client_id: string; client_secret: string; directory: string; folder: string; archive_folder: string;
  department: string; is_active: boolean;
}

const EMPTY: Draft = {
  name: '', kind: 'imap', host: '', port: '', security: 'tls', auth: 'password', username: '', password: '', provider: 'microsoft',
  client_id: '', client_secret: '', directory: '', folder: 'INBOX', archive_folder: '', department: '', is_active: true,
};

function toDraft(m: Mailbox): Draft {
  const config = m.oauth_config ?? {};
  return {
    name: m.name, kind: m.kind, host: m.host ?? '', port: m.port ? String(m.port) : '', security: m.security, auth: m.auth,
    username: m.username ?? '', password: '', provider: m.oauth_provider ?? (m.kind === 'gmail' ? 'google' : 'microsoft'),
    client_id: typeof config.client_id === 'string' ? config.client_id : '', client_secret: '',
    directory: typeof config.tenant === 'string' ? config.tenant : '', folder: m.folder, archive_folder: m.archive_folder ?? '',
    department: m.department === null ? '' : String(m.department), is_active: m.is_active,
  };
}

const usesHost = (kind: string) => kind === 'imap' || kind === 'pop3';

/** The API body of the form: only what applies to the kind and login chosen; empty secrets are left out (kept). */
function toBody(d: Draft, before: Mailbox | undefined) {
  const host = usesHost(d.kind);
  const oauth = d.kind === 'graph' || d.kind === 'gmail' || d.auth !== 'password';
  const provider = d.kind === 'graph' ? 'microsoft' : d.kind === 'gmail' ? 'google' : d.provider;
  return {
    name: d.name, kind: d.kind,
    ...(host && { host: d.host.trim() || null, port: d.port ? Number(d.port) : null, security: d.security }),
    auth: oauth ? (d.auth === 'password' ? 'xoauth2' : d.auth) : 'password',
    username: d.username.trim() || null,
    ...(!oauth && d.password && { password: d.password }),
    ...(oauth && {
      oauth_provider: provider,
      oauth_config: {
        // Endpoints set through the API (a sovereign cloud, a proxy) are kept.
        ...(before?.oauth_provider === provider ? before.oauth_config : {}),
        client_id: d.client_id.trim(),
        ...(provider === 'microsoft' && d.directory.trim() ? { tenant: d.directory.trim() } : {}),
        ...(d.client_secret && { client_secret: d.client_secret }),
      },
    }),
    ...(d.kind === 'imap' && { folder: d.folder.trim() || 'INBOX', archive_folder: d.archive_folder.trim() || null }),
    department: d.department ? Number(d.department) : null,
    is_active: d.is_active,
  };
}

export function MailboxForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mailboxes = useMailboxes();
  const departments = useDepartments();
  const existing = id ? mailboxes.data?.find((m) => m.id === id) : undefined;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [saved, setSaved] = useState(false);
  useTitle(existing ? existing.name : t('New mailbox'));
  useEffect(() => { if (existing) setDraft(toDraft(existing)); }, [existing]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: mailboxesKey });

  const save = useMutation({
    mutationFn: (d: Draft) => (id ? api<Mailbox>('PATCH', `/mailboxes/${id}/`, toBody(d, existing)) : api<Mailbox>('POST', '/mailboxes/', toBody(d, existing))),
    onSuccess: async (m) => {
      queryClient.setQueryData<Mailbox[]>(mailboxesKey, (list) => list && (list.some((x) => x.id === m.id) ? list.map((x) => (x.id === m.id ? m : x)) : [...list, m]));
      setDraft(toDraft(m));
      setSaved(true);
      await refresh();
      if (!id) navigate(`../${m.id}`, { relative: 'path' });
    },
  });
  const test = useMutation({
    mutationFn: (d: Draft) => {
      const { name: _name, ...body } = toBody(d, existing);
      return id ? api<ConnectionTest>('POST', `/mailboxes/${id}/test/`, body) : api<ConnectionTest>('POST', '/mailboxes/test/', body);
    },
  });
  const scan = useMutation({
    mutationFn: () => api<MailboxScan>('POST', `/mailboxes/${id}/scan/`),
    onSettled: () => void refresh(),
  });
  const connect = useMutation({
    mutationFn: () => api<{ authorization_url: string }>('POST', `/mailboxes/${id}/oauth/start/`),
    onSuccess: ({ authorization_url }) => window.location.assign(authorization_url),
  });
  const remove = useMutation({
    mutationFn: () => api<void>('DELETE', `/mailboxes/${id}/`),
    onSuccess: async () => {
      await refresh();
      navigate('..', { relative: 'path' });
    },
  });

  if (id && mailboxes.isSuccess && !existing) return <p role="alert">{t('This was not found, or you may not see it.')}</p>;
  const errors = formErrors(save.error ?? test.error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(false);
    test.reset();
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const submit = (e: FormEvent) => { e.preventDefault(); test.reset(); save.mutate(draft); };
  const host = usesHost(draft.kind);
  const oauth = !host || draft.auth !== 'password';
  const provider = draft.kind === 'graph' ? 'microsoft' : draft.kind === 'gmail' ? 'google' : draft.provider;
  const keepHint = existing ? t('Leave empty to keep the one stored.') : undefined;

  return (
    <section className="mail-admin" aria-labelledby="mailbox-title">
      <p><Link to=".." relative="path">{t('All mailboxes')}</Link></p>
      <h2 id="mailbox-title">{existing ? existing.name : t('New mailbox')}</h2>
      {existing && <p><MailboxState mailbox={existing} detail /></p>}
      {existing?.state === 'needs_reauth' && existing.is_active && (
        <p className="mail-callout" role="note">{t('This mailbox cannot be read until someone signs in to it again: use the Connect button below.')}</p>
      )}
      <form className="mail-form" onSubmit={submit} noValidate>
        <Field id="mb-name" label={t('Name')} hint={t('Only for you: how this mailbox is called in Parley.')} error={errors.fields.name}>
          <input value={draft.name} onChange={(e) => set('name', e.target.value)} maxLength={100} />
        </Field>
        <Field id="mb-kind" label={t('Kind')} hint={t('How Parley reads the mailbox: a mail protocol, or the mail API of Microsoft 365 or Google.')} error={errors.fields.kind}>
          <select value={draft.kind} onChange={(e) => set('kind', e.target.value)}>
            {Object.entries(KIND_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
          </select>
        </Field>
        {host && (
          <fieldset className="mail-fieldset">
            <legend>{t('Server')}</legend>
            <Field id="mb-host" label={t('Host')} hint={t('The name of the mail server, e.g. imap.example.com.')} error={errors.fields.host}>
              <input value={draft.host} onChange={(e) => set('host', e.target.value)} autoComplete="off" />
            </Field>
            <Field id="mb-port" label={t('Port')} hint={t('Empty: the usual port for the protocol and security.')} error={errors.fields.port}>
              <input value={draft.port} onChange={(e) => set('port', e.target.value.replace(/\D/g, ''))} inputMode="numeric" maxLength={5} />
            </Field>
            <Field id="mb-security" label={t('Security')} hint={t('How the connection is encrypted. Passwords never travel in plain text to another machine.')} error={errors.fields.security}>
              <select value={draft.security} onChange={(e) => set('security', e.target.value)}>
                {Object.entries(SECURITY_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
              </select>
            </Field>
            <Field id="mb-auth" label={t('Sign-in')} hint={t('A password, or OAuth2 for Microsoft 365 and Google accounts that no longer accept passwords.')} error={errors.fields.auth}>
              <select value={draft.auth} onChange={(e) => set('auth', e.target.value)}>
                <option value="password">{t('Password')}</option>
                <option value="xoauth2">{t('OAuth2')}</option>
              </select>
            </Field>
          </fieldset>
        )}
        <Field id="mb-user" label={t('User name')} hint={t('The account to read, usually its email address.')} error={errors.fields.username}>
          <input value={draft.username} onChange={(e) => set('username', e.target.value)} autoComplete="off" />
        </Field>
        {!oauth && (
          <Field id="mb-password" label={t('Password')} hint={keepHint ?? t('Stored encrypted; never shown again.')} error={errors.fields.password}>
            <input type="password" value={draft.password} onChange={(e) => set('password', e.target.value)} autoComplete="new-password" />
          </Field>
        )}
        {oauth && (
          <fieldset className="mail-fieldset">
            <legend>{t('OAuth2 application')}</legend>
            {host && (
              <Field id="mb-provider" label={t('Provider')} error={errors.fields.oauth_provider}>
                <select value={draft.provider} onChange={(e) => set('provider', e.target.value)}>
                  {Object.entries(PROVIDER_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
                </select>
              </Field>
            )}
            <Field id="mb-client" label={t('Client ID')} hint={t('The application registered with the provider for Parley.')} error={errors.fields.oauth_config}>
              <input value={draft.client_id} onChange={(e) => set('client_id', e.target.value)} autoComplete="off" />
            </Field>
            <Field id="mb-secret" label={t('Client secret')} hint={existing?.has_client_secret ? t('Leave empty to keep the one stored.') : t('Stored encrypted; never shown again.')}>
              <input type="password" value={draft.client_secret} onChange={(e) => set('client_secret', e.target.value)} autoComplete="new-password" />
            </Field>
            {provider === 'microsoft' && (
              <Field id="mb-directory" label={t('Directory (tenant)')} hint={t('Your Microsoft Entra directory id or domain; empty for "common".')}>
                <input value={draft.directory} onChange={(e) => set('directory', e.target.value)} autoComplete="off" />
              </Field>
            )}
          </fieldset>
        )}
        {draft.kind === 'imap' && (
          <>
            <Field id="mb-folder" label={t('Folder')} hint={t('Where new mail is read from.')} error={errors.fields.folder}>
              <input value={draft.folder} onChange={(e) => set('folder', e.target.value)} />
            </Field>
            <Field id="mb-archive" label={t('Move fetched mail to')} hint={t('A folder for mail once it is stored; empty: it is marked as read and stays.')} error={errors.fields.archive_folder}>
              <input value={draft.archive_folder} onChange={(e) => set('archive_folder', e.target.value)} />
            </Field>
          </>
        )}
        <Field id="mb-department" label={t('Department')} hint={t('For mail sent to none of the queue addresses of the departments.')} error={errors.fields.department}>
          <select value={draft.department} onChange={(e) => set('department', e.target.value)}>
            <option value="">{t('By address only')}</option>
            {departments.data?.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        </Field>
        <div className="mail-check">
          <input id="mb-active" type="checkbox" checked={draft.is_active} onChange={(e) => set('is_active', e.target.checked)} aria-describedby="mb-active-hint" />
          <label htmlFor="mb-active">{t('Active')}</label>
          <small id="mb-active-hint" className="hint">{t('Paused mailboxes are not scanned.')}</small>
        </div>
        {errors.other && <p role="alert" className="request-error">{errors.other}</p>}
        {!errors.other && !Object.keys(errors.fields).length && <RequestError error={save.error ?? test.error} />}
        <div className="mail-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>{id ? t('Save mailbox') : t('Create mailbox')}</button>
          {host && <button type="button" className="button" disabled={test.isPending} onClick={() => { save.reset(); test.mutate(draft); }}>{t('Test connection')}</button>}
          <span role="status">{saved && !save.isPending ? t('Saved.') : test.isPending ? t('Connecting…') : ''}</span>
        </div>
        <TestOutcome result={test.data} />
      </form>
      {existing && (
        <div className="mail-actions mail-actions-apart">
          {oauth && (
            <button type="button" className="button" disabled={connect.isPending} onClick={() => connect.mutate()}>
              {provider === 'google' ? t('Connect Google') : t('Connect Microsoft 365')}
            </button>
          )}
          <button type="button" className="button" disabled={scan.isPending || !existing.is_active} onClick={() => scan.mutate()}>{t('Scan now')}</button>
          <ConfirmDialog trigger={<button type="button" className="button mail-danger">{t('Delete mailbox')}</button>} title={t('Delete the mailbox {{name}}?', { name: existing.name })}
            confirmLabel={t('Delete')} danger onConfirm={() => remove.mutateAsync()} pending={remove.isPending} error={remove.error}>
            <p>{t('Parley stops reading it. The mail already received, and its tickets, stay.')}</p>
          </ConfirmDialog>
        </div>
      )}
      <RequestError error={connect.error ?? scan.error} />
      {scan.data && (
        <p role="status" className={scan.data.status === 'failed' ? 'request-error' : 'mail-ok'}>
          {scan.data.status === 'scanned'
            ? t('Scanned: {{fetched}} fetched, {{stored}} new, {{errors}} failed.', { fetched: scan.data.counts.fetched, stored: scan.data.counts.stored, errors: scan.data.counts.errors })
            : scan.data.status === 'skipped' ? t('Not scanned: {{why}}', { why: scan.data.detail ?? '' }) : t('The scan failed: {{why}}', { why: scan.data.detail ?? '' })}
        </p>
      )}
    </section>
  );
}

function TestOutcome({ result }: { result: ConnectionTest | undefined }) {
  const { t } = useTranslation();
  if (!result) return null;
  const where = `${result.details.host}:${result.details.port}`;
  if (result.ok) {
    return (
      <p role="status" className="mail-ok">
        {result.details.folder
          ? t('Connection works: logged in to {{where}}, {{n}} messages in {{folder}}.', { where, n: result.details.messages ?? 0, folder: result.details.folder })
          : t('Connection works: logged in to {{where}}, {{n}} messages waiting.', { where, n: result.details.messages ?? 0 })}
      </p>
    );
  }
  return (
    <div role="alert" className="request-error">
      <p>{t('Connection failed.')} {t(TEST_FAILURES[result.reason ?? 'unreachable'] ?? 'These settings cannot work.')}</p>
      {result.error && <p className="mail-error-text"><small>{result.error}</small></p>}
    </div>
  );
}
