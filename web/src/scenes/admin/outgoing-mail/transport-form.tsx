/** One scope's outgoing-mail setting (the tenant's or a department's): an SMTP server or a connected mailbox, a test mail, and removal. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { formErrors } from '../../../components/field-errors.ts';
import { Field } from '../../../components/field.tsx';
import type { Mailbox, OutgoingMail, TestMail } from '../mail-shared/types.ts';
import { outgoingKey, outgoingPath } from './outgoing-mail-page.tsx';

interface Draft { kind: 'smtp' | 'mailbox'; host: string; port: string; security: string; username: string; password: string; mailbox: string; via: string }

const toDraft = (s: OutgoingMail['setting']): Draft => ({
  kind: s?.kind ?? 'smtp', host: s?.host ?? '', port: s?.port ? String(s.port) : '', security: s?.security ?? 'starttls',
  username: s?.username ?? '', password: '', mailbox: s?.mailbox ?? '', via: s?.via ?? '',
});

function toBody(d: Draft) {
  const port = d.port ? Number(d.port) : undefined;
  if (d.kind === 'smtp') {
    return { kind: 'smtp' as const, host: d.host.trim(), port, security: d.security, username: d.username.trim() || null, ...(d.password && { password: d.password }) };
  }
  return { kind: 'mailbox' as const, mailbox: d.mailbox, ...(d.via && { via: d.via }) };
}

export const OUT_SECURITY_LABELS: Record<string, string> = {
  starttls: 'STARTTLS (port 587, required)', tls: 'TLS (implicit, port 465)', none: 'None (only for a relay on this machine)',
};

export function TransportForm({ department, state }: { department: number | null; state: OutgoingMail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(state.setting));
  const [saved, setSaved] = useState(false);
  const [to, setTo] = useState('');
  useEffect(() => setDraft(toDraft(state.setting)), [state.setting]);
  const mailboxes = useQuery({ queryKey: ['admin', 'mailboxes'], queryFn: () => api<Mailbox[]>('GET', '/mailboxes/') });
  const oauthMailboxes = mailboxes.data?.filter((m) => m.auth !== 'password') ?? [];
  const prefix = department === null ? 'out' : `out-${department}`;

  const save = useMutation({
    mutationFn: (d: Draft) => api<OutgoingMail>('PUT', outgoingPath(department), toBody(d)),
    onSuccess: (s) => {
      queryClient.setQueryData(outgoingKey(department), s);
      setSaved(true);
    },
  });
  const remove = useMutation({
    mutationFn: () => api<void>('DELETE', outgoingPath(department)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: outgoingKey(department) }),
  });
  const test = useMutation({ mutationFn: () => api<TestMail>('POST', `${outgoingPath(department)}test/`, { to }) });

  const errors = formErrors(save.error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => { setSaved(false); setDraft((d) => ({ ...d, [key]: value })); };
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(draft); };
  const passwordHint = state.setting?.has_password
    ? t('Leave empty to keep the one stored (only while the host and user stay the same).')
    : t('Stored encrypted; never shown again. Leave empty for a relay that needs no login.');

  return (
    <>
      <form className="mail-form" onSubmit={submit} noValidate aria-label={t('Transport')}>
        <Field id={`${prefix}-kind`} label={t('Send through')} hint={t('An SMTP server, or a Microsoft 365 or Google mailbox connected by OAuth2.')} error={errors.fields.kind}>
          <select value={draft.kind} onChange={(e) => set('kind', e.target.value as Draft['kind'])}>
            <option value="smtp">{t('SMTP server')}</option>
            <option value="mailbox">{t('A connected mailbox')}</option>
          </select>
        </Field>
        {draft.kind === 'smtp' && (
          <>
            <Field id={`${prefix}-host`} label={t('SMTP host')} hint={t('For example smtp.example.com.')} error={errors.fields.host}>
              <input value={draft.host} onChange={(e) => set('host', e.target.value)} autoComplete="off" />
            </Field>
            <Field id={`${prefix}-port`} label={t('Port')} hint={t('Empty: 587, or 465 with TLS.')} error={errors.fields.port}>
              <input value={draft.port} onChange={(e) => set('port', e.target.value.replace(/\D/g, ''))} inputMode="numeric" maxLength={5} />
            </Field>
            <Field id={`${prefix}-security`} label={t('Security')} hint={t('How the connection is encrypted.')} error={errors.fields.security}>
              <select value={draft.security} onChange={(e) => set('security', e.target.value)}>
                {Object.entries(OUT_SECURITY_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
              </select>
            </Field>
            <Field id={`${prefix}-user`} label={t('SMTP user')} hint={t('Empty for a relay that needs no login.')} error={errors.fields.username}>
              <input value={draft.username} onChange={(e) => set('username', e.target.value)} autoComplete="off" />
            </Field>
            <Field id={`${prefix}-password`} label={t('SMTP password')} hint={passwordHint} error={errors.fields.password}>
              <input type="password" value={draft.password} onChange={(e) => set('password', e.target.value)} autoComplete="new-password" />
            </Field>
          </>
        )}
        {draft.kind === 'mailbox' && (
          <>
            <Field id={`${prefix}-mailbox`} label={t('Mailbox')} hint={t('Mail goes out as this account. Only mailboxes connected by OAuth2 are listed.')} error={errors.fields.mailbox}>
              <select value={draft.mailbox} onChange={(e) => set('mailbox', e.target.value)}>
                <option value="">{t('Choose a mailbox')}</option>
                {oauthMailboxes.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
              </select>
            </Field>
            <Field id={`${prefix}-via`} label={t('Send by')} hint={t('The mail API of the provider, or its SMTP server with the same sign-in.')} error={errors.fields.via}>
              <select value={draft.via} onChange={(e) => set('via', e.target.value)}>
                <option value="">{t('The usual way for the mailbox')}</option>
                <option value="api">{t('Mail API')}</option>
                <option value="smtp">{t('SMTP')}</option>
              </select>
            </Field>
          </>
        )}
        {errors.other && <p role="alert" className="request-error">{errors.other}</p>}
        {!errors.other && !Object.keys(errors.fields).length && <RequestError error={save.error} />}
        <div className="mail-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>{t('Save outgoing mail')}</button>
          <span role="status">{saved && !save.isPending ? t('Saved.') : ''}</span>
        </div>
      </form>
      {state.setting && (
        <div className="mail-actions">
          <ConfirmDialog trigger={<button type="button" className="button mail-danger">{t('Remove this setting')}</button>} title={t('Remove this outgoing mail setting?')}
            confirmLabel={t('Remove')} danger onConfirm={() => remove.mutateAsync()} pending={remove.isPending} error={remove.error}>
            <p>{department === null ? t('Mail then goes out through the server default, if there is one.') : t('Mail of the department then goes out like the rest of the helpdesk.')}</p>
          </ConfirmDialog>
        </div>
      )}
      <form className="mail-form mail-inline" onSubmit={(e) => { e.preventDefault(); test.mutate(); }} aria-label={t('Test mail')}>
        <Field id={`${prefix}-test-to`} label={t('Send a test mail to')} hint={t('Sent the way this mail goes out now, as saved.')}>
          <input type="email" value={to} onChange={(e) => setTo(e.target.value)} autoComplete="email" />
        </Field>
        <button type="submit" className="button" disabled={test.isPending || !to}>{t('Send test mail')}</button>
      </form>
      <RequestError error={test.error} />
      {test.data && (test.data.sent
        ? <p role="status" className="mail-ok">{t('The test mail was sent from {{from}}.', { from: test.data.from })}</p>
        : <p role="alert" className="request-error">{t('The test mail was not sent: {{error}}', { error: test.data.error ?? '' })}</p>)}
    </>
  );
}
