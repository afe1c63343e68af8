/**
 * /tickets/admin/integrations/: the Ferndesk custom support endpoint (docs/ferndesk.md) —
 * enable it (its URL shown once, with a copy button), rotate the URL, disable it, choose how
 * staff are named in the feed, and "Test" it as Ferndesk would, with the result field by field.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { RequestError } from '../../../components/request-error.tsx';
import { useTitle } from '../../../hooks/use-title.ts';
import { FerndeskTestResult } from './ferndesk-test-result.tsx';
import { ferndeskKey, type FerndeskEnabled, type FerndeskState, type FerndeskTestReport } from './ferndesk-types.ts';
import './integrations.css';

const PATH = '/integrations/ferndesk/';

export function IntegrationsPage() {
  const { t } = useTranslation();
  useTitle(t('Integrations'));
  const queryClient = useQueryClient();
  const state = useQuery({ queryKey: ferndeskKey, queryFn: () => api<FerndeskState>('GET', PATH) });
  const [url, setUrl] = useState('');
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const [confirm, setConfirm] = useState<'rotate' | 'disable'>();
  const settle = (next: FerndeskState) => queryClient.setQueryData(ferndeskKey, next);
  const enable = useMutation({
    mutationFn: () => api<FerndeskEnabled>('POST', PATH),
    onSuccess: (r) => { const { url: made, ...rest } = r; setUrl(made); setShown(true); setCopied(undefined); setConfirm(undefined); settle(rest); },
  });
  const disable = useMutation({
    mutationFn: () => api<null>('DELETE', PATH),
    onSuccess: () => { setUrl(''); setShown(false); setConfirm(undefined); void queryClient.invalidateQueries({ queryKey: ferndeskKey }); },
  });
  const role = useMutation({
    mutationFn: (roleName: FerndeskState['role_name']) => api<FerndeskState>('PATCH', PATH, { role_name: roleName }),
    onMutate: (roleName) => { const before = state.data; if (before) settle({ ...before, role_name: roleName }); return before; },
    onError: (_e, _v, before) => { if (before) settle(before); },
    onSuccess: settle,
  });
  const test = useMutation({ mutationFn: () => api<FerndeskTestReport>('POST', `${PATH}test/`, { url: url.trim() }) });
  const copy = () => { navigator.clipboard.writeText(url).then(() => setCopied('yes'), () => setCopied('failed')); };
  const s = state.data;

  return (
    <section aria-labelledby="integrations-title">
      <h2 id="integrations-title">{t('Integrations')}</h2>
      <h3>{t('Ferndesk')}</h3>
      <p className="admin-muted">{t('Ferndesk audits your help center against your support conversations. It reads them from a public URL that carries a secret token: anyone with the URL can read your public replies.')}</p>
      {state.isPending && <p role="status">{t('Loading…')}</p>}
      <RequestError error={state.error} />
      {s && (
        <>
          <p>{s.enabled ? t('Enabled since {{date}}.', { date: new Date(s.rotated_at ?? s.enabled_at ?? '').toLocaleString() }) : t('Disabled.')}</p>
          {shown && url && (
            <section className="integration-url" role="alert" aria-labelledby="ferndesk-url-title">
              <h4 id="ferndesk-url-title">{t('The Source URL')}</h4>
              <p>{t('Paste it in Ferndesk: Integrations, Add integration, Support Endpoint, Source URL. It is shown only this once.')}</p>
              <label htmlFor="ferndesk-url-value">{t('Source URL')}</label>
              <div className="integration-url-row">
                <input id="ferndesk-url-value" type="text" readOnly value={url} onFocus={(e) => e.target.select()} />
                <button type="button" className="button primary" onClick={copy}>{t('Copy the URL')}</button>
              </div>
              {copied === 'yes' && <p role="status">{t('Copied.')}</p>}
              {copied === 'failed' && <p role="status" className="field-error">{t('The browser refused to copy: select the URL and copy it by hand.')}</p>}
              <button type="button" className="button" onClick={() => setShown(false)}>{t('I have kept it')}</button>
            </section>
          )}
          <div className="integration-actions">
            {!s.enabled && <button type="button" className="button primary" disabled={enable.isPending} onClick={() => enable.mutate()}>{t('Enable')}</button>}
            {s.enabled && (
              <ConfirmDialog open={confirm === 'rotate'} onOpenChange={(o) => setConfirm(o ? 'rotate' : undefined)}
                trigger={<button type="button" className="button">{t('Rotate the URL…')}</button>}
                title={t('Make a new URL?')} confirmLabel={t('Rotate')} onConfirm={() => enable.mutate()} pending={enable.isPending} error={enable.error}>
                <p>{t('The current URL stops working at once: paste the new one in Ferndesk.')}</p>
              </ConfirmDialog>
            )}
            {s.enabled && (
              <ConfirmDialog open={confirm === 'disable'} onOpenChange={(o) => setConfirm(o ? 'disable' : undefined)}
                trigger={<button type="button" className="button danger">{t('Disable…')}</button>}
                title={t('Disable the Ferndesk endpoint?')} confirmLabel={t('Disable')} danger onConfirm={() => disable.mutate()} pending={disable.isPending} error={disable.error}>
                <p>{t('Its URL answers "not found" from now on.')}</p>
              </ConfirmDialog>
            )}
            <label>
              {t('Role name of staff messages')}
              <select value={s.role_name} disabled={role.isPending} onChange={(e) => role.mutate(e.target.value as FerndeskState['role_name'])}>
                <option value="agent">agent</option>
                <option value="support_agent">support_agent</option>
              </select>
            </label>
          </div>
          <RequestError error={enable.error ?? role.error} />
          {s.enabled && (
            <form className="admin-form" noValidate onSubmit={(e) => { e.preventDefault(); test.mutate(); }} aria-labelledby="ferndesk-test-form-title">
              <h4 id="ferndesk-test-form-title">{t('Test the endpoint')}</h4>
              <label htmlFor="ferndesk-test-url">{t('URL to test')}</label>
              <input id="ferndesk-test-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder={t('The URL shown when it was enabled')} />
              <button type="submit" className="button" disabled={test.isPending || !url.trim()}>{test.isPending ? t('Testing…') : t('Test')}</button>
              <RequestError error={test.error} />
            </form>
          )}
          {test.data && <FerndeskTestResult report={test.data} />}
        </>
      )}
    </section>
  );
}
