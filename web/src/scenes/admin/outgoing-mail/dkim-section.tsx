/** The tenant's DKIM key: generate one (or paste a private key), and the DNS record to publish, with a copy button. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useFormat } from '../../../hooks/use-format.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { CopyButton } from '../mail-shared/copy-button.tsx';
import { formErrors } from '../../../components/field-errors.ts';
import { Field } from '../../../components/field.tsx';
import type { Dkim } from '../mail-shared/types.ts';

const dkimKey = ['admin', 'outgoing-mail', 'dkim'] as const;

export function DkimSection() {
  const { t } = useTranslation();
  const { date } = useFormat();
  const queryClient = useQueryClient();
  const state = useQuery({ queryKey: dkimKey, queryFn: () => api<{ dkim: Dkim | null }>('GET', '/outgoing-mail/dkim/') });
  const [domain, setDomain] = useState('');
  const [selector, setSelector] = useState('parley');
  const [privateKey, setPrivateKey] = useState('');
  const save = useMutation({
    mutationFn: () => api<{ dkim: Dkim | null }>('PUT', '/outgoing-mail/dkim/', { domain, selector, ...(privateKey.trim() && { private_key: privateKey }) }),
    onSuccess: (s) => { queryClient.setQueryData(dkimKey, s); setPrivateKey(''); },
  });
  const remove = useMutation({
    mutationFn: () => api<void>('DELETE', '/outgoing-mail/dkim/'),
    onSuccess: () => queryClient.setQueryData(dkimKey, { dkim: null }),
  });
  const errors = formErrors(save.error);
  const dkim = state.data?.dkim;
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  return (
    <section aria-labelledby="dkim-title">
      <h3 id="dkim-title">{t('DKIM signature')}</h3>
      <p className="hint">{t('Signing your mail with DKIM lets receiving servers check it really comes from your domain.')}</p>
      <RequestError error={state.error} />
      {dkim && (
        <div className="mail-dkim">
          <p>{t('Mail is signed for {{domain}} with the selector {{selector}} (since {{date}}). Publish this DNS record:', { domain: dkim.domain, selector: dkim.selector, date: date(dkim.updated_at) })}</p>
          <dl className="mail-facts">
            <dt>{t('Name')}</dt><dd className="mail-break"><code>{dkim.dns_record.name}</code> <CopyButton text={dkim.dns_record.name} label={t('Copy name')} /></dd>
            <dt>{t('Type')}</dt><dd><code>{dkim.dns_record.type}</code></dd>
            <dt>{t('Value')}</dt><dd className="mail-break"><code>{dkim.dns_record.value}</code> <CopyButton text={dkim.dns_record.value} label={t('Copy value')} /></dd>
          </dl>
          <ConfirmDialog trigger={<button type="button" className="button mail-danger">{t('Stop signing')}</button>} title={t('Stop signing mail with DKIM?')}
            confirmLabel={t('Stop signing')} danger onConfirm={() => remove.mutateAsync()} pending={remove.isPending} error={remove.error}>
            <p>{t('The key is deleted. Mail goes out unsigned until a new key is set.')}</p>
          </ConfirmDialog>
        </div>
      )}
      <form className="mail-form" onSubmit={submit} noValidate aria-label={t('DKIM key')}>
        <Field id="dkim-domain" label={t('Domain')} hint={t('The domain of your From addresses, e.g. example.com.')} error={errors.fields.domain}>
          <input value={domain} onChange={(e) => setDomain(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="dkim-selector" label={t('Selector')} hint={t('A name for this key in DNS; change it when you replace the key.')} error={errors.fields.selector}>
          <input value={selector} onChange={(e) => setSelector(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="dkim-private" label={t('Private key (optional)')} hint={t('An RSA private key in PEM form. Leave empty and Parley generates a 2048-bit key.')} error={errors.fields.private_key}>
          <textarea value={privateKey} onChange={(e) => setPrivateKey(e.target.value)} rows={3} spellCheck={false} />
        </Field>
        {errors.other && <p role="alert" className="request-error">{errors.other}</p>}
        {!errors.other && !Object.keys(errors.fields).length && <RequestError error={save.error} />}
        <div className="mail-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>{dkim ? t('Replace the key') : privateKey.trim() ? t('Use this key') : t('Generate a key')}</button>
        </div>
      </form>
    </section>
  );
}
