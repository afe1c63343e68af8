/**
 * /tickets/admin/api-tokens/: every API token of the tenant, with its owner and use; create
 * one acting as you (its secret is shown once, with a copy button), revoke any after a
 * confirmation.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useFormat } from '../../../hooks/use-format.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import { Field } from '../../../components/field.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { fieldErrors, hasFieldErrors } from '../../../components/field-errors.ts';
import type { ApiToken, CreatedApiToken } from '../people-shared/types.ts';
import { useUserNames } from '../people-shared/use-user-names.ts';
import '../people-shared/people-shared.css';
import { NewTokenSecret } from './new-token-secret.tsx';
import './api-tokens.css';

const tokensKey = ['admin', 'api-tokens'] as const;
const SCOPES: Record<string, string> = { read: 'Read (GET only)', write: 'Write (everything you may do)' };

/** A date input's day as the end of that day in the person's time zone, as the API wants it. */
const endOfDay = (day: string): string | null => (day ? new Date(`${day}T23:59:59`).toISOString() : null);

export function ApiTokensPage() {
  const { t } = useTranslation();
  useTitle(t('API tokens'));
  const format = useFormat();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => api<ApiToken[]>('GET', '/api-tokens/?all=true') });
  const owners = useUserNames((tokens.data ?? []).map((tk) => tk.user));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<CreatedApiToken>();
  const create = useMutation({
    mutationFn: () => api<CreatedApiToken>('POST', '/api-tokens/', { name: name.trim(), scopes, expires_at: endOfDay(expires) }),
    onSuccess: (token) => {
      setCreated(token);
      setName(''); setExpires('');
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => { e.preventDefault(); setCreated(undefined); create.mutate(); };
  const toggle = (scope: string) => setScopes((s) => (s.includes(scope) ? s.filter((x) => x !== scope) : [...s, scope]));

  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('API tokens')}</h2>
      <p className="admin-muted">{t('A token lets a program use the API as the person who created it, limited to its scopes. Send it as "Authorization: Bearer <token>".')}</p>
      {created && <NewTokenSecret token={created} onDone={() => setCreated(undefined)} />}
      <form className="admin-form" noValidate onSubmit={submit} aria-labelledby="new-token-title">
        <h3 id="new-token-title">{t('New token')}</h3>
        <Field id="token-name" label={t('Name')} error={errors.name} hint={t('What it is for, e.g. "Slack integration".')}>
          <input type="text" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <fieldset aria-describedby={errors.scopes ? 'token-scopes-error' : undefined}>
          <legend>{t('Scopes')}</legend>
          {Object.entries(SCOPES).map(([scope, label]) => (
            <label key={scope} className="admin-check"><input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} /> {t(label)}</label>
          ))}
          {errors.scopes && <p id="token-scopes-error" className="field-error">{errors.scopes}</p>}
        </fieldset>
        <Field id="token-expires" label={t('Expires (optional)')} error={errors.expires_at} hint={t('Left empty, it works until revoked.')}>
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </Field>
        {!hasFieldErrors(create.error) && <RequestError error={create.error} />}
        <button type="submit" className="button primary" disabled={create.isPending || !name.trim() || scopes.length === 0}>{t('Create token')}</button>
      </form>

      <h3>{t('Tokens')}</h3>
      {tokens.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={tokens.error} />
      {tokens.data?.length === 0 && <p className="empty">{t('No API tokens yet.')}</p>}
      {tokens.data && tokens.data.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('Name')}</th><th scope="col">{t('Owner')}</th><th scope="col">{t('Scopes')}</th>
                <th scope="col">{t('Created')}</th><th scope="col">{t('Last used')}</th><th scope="col">{t('State')}</th><th scope="col"><span className="admin-sr-only">{t('Actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((tk) => (
                <tr key={tk.id}>
                  <td>{tk.name} <code className="admin-muted">{tk.prefix}…</code></td>
                  <td>{owners.get(tk.user)?.name ?? '—'}</td>
                  <td>{tk.scopes.map((s) => t(SCOPES[s] ?? s)).join(', ')}</td>
                  <td>{format.date(tk.created_at)}</td>
                  <td>{tk.last_used_at ? format.date(tk.last_used_at) : t('Never')}</td>
                  <td><TokenState token={tk} /></td>
                  <td>{!tk.revoked_at && <RevokeToken token={tk} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TokenState({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (token.revoked_at) return <span className="admin-inactive">{t('Revoked {{date}}', { date: format.date(token.revoked_at) })}</span>;
  if (token.expires_at && new Date(token.expires_at) <= new Date()) return <span className="admin-inactive">{t('Expired')}</span>;
  return <span>{token.expires_at ? t('Active until {{date}}', { date: format.date(token.expires_at) }) : t('Active')}</span>;
}

function RevokeToken({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const revoke = useMutation({
    mutationFn: () => api<void>('DELETE', `/api-tokens/${token.id}/`),
    onSuccess: () => { setOpen(false); void queryClient.invalidateQueries({ queryKey: tokensKey }); },
  });
  return (
    <ConfirmDialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) revoke.reset(); }}
      trigger={<button type="button" className="button small" aria-label={t('Revoke {{name}}', { name: token.name })}>{t('Revoke…')}</button>}
      title={t('Revoke the token {{name}}?', { name: token.name })} confirmLabel={t('Revoke')} danger
      onConfirm={() => revoke.mutate()} pending={revoke.isPending} error={revoke.error}>
      <p>{t('Programs using it are refused from now on (401). This cannot be undone: create a new token if it is needed again.')}</p>
    </ConfirmDialog>
  );
}
