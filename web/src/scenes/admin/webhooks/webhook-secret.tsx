/** A webhook's signing secret, just made (on creation or rotation): shown this once, with a copy button. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function WebhookSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const copy = () => { navigator.clipboard.writeText(secret).then(() => setCopied('yes'), () => setCopied('failed')); };
  return (
    <section className="webhook-secret" role="alert" aria-labelledby="webhook-secret-title">
      <h3 id="webhook-secret-title">{t('The signing secret')}</h3>
      <p>{t('Give it to the receiver to check the webhook-signature header. It is shown only this once.')}</p>
      <label htmlFor="webhook-secret-value">{t('Secret')}</label>
      <div className="webhook-secret-row">
        <input id="webhook-secret-value" type="text" readOnly value={secret} onFocus={(e) => e.target.select()} />
        <button type="button" className="button primary" onClick={copy}>{t('Copy')}</button>
      </div>
      {copied === 'yes' && <p role="status">{t('Copied.')}</p>}
      {copied === 'failed' && <p role="status" className="field-error">{t('The browser refused to copy: select the secret and copy it by hand.')}</p>}
      <button type="button" className="button" onClick={onDone}>{t('I have kept it')}</button>
    </section>
  );
}
