/** A token just created: its secret, shown this once, with a copy button and the warning that it will not be shown again. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../people-shared/types.ts';

export function NewTokenSecret({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const copy = () => {
    navigator.clipboard.writeText(token.token).then(() => setCopied('yes'), () => setCopied('failed'));
  };
  return (
    <section className="token-secret" role="alert" aria-labelledby="token-secret-title">
      <h3 id="token-secret-title">{t('Token "{{name}}" created', { name: token.name })}</h3>
      <p className="token-warning">{t('Copy it now: it is shown only this once. Parley keeps only a fingerprint of it.')}</p>
      <label htmlFor="token-secret-value" className="token-label">{t('Secret')}</label>
      <div className="token-row">
        <input id="token-secret-value" type="text" readOnly value={token.token} onFocus={(e) => e.target.select()} />
        <button type="button" className="button primary" onClick={copy}>{t('Copy')}</button>
      </div>
      {copied === 'yes' && <p role="status" className="admin-saved">{t('Copied.')}</p>}
      {copied === 'failed' && <p role="status" className="field-error">{t('The browser refused to copy: select the secret and copy it by hand.')}</p>}
      <button type="button" className="button" onClick={onDone}>{t('I have kept it')}</button>
    </section>
  );
}
