/** Copies a text (a DNS record) to the clipboard and says so. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void copy()}>{label}</button>
      <span role="status" className="hint">{copied ? t('Copied') : ''}</span>
    </>
  );
}
