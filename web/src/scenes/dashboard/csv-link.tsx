/** A report's CSV download: a plain link (the session cookie goes with it), named for what it downloads. */
import { useTranslation } from 'react-i18next';

export function CsvLink({ href, what }: { href: string; what: string }) {
  const { t } = useTranslation();
  return (
    <a className="csv-link" href={href} download>
      {t('Download CSV')}<span className="visually-hidden">: {what}</span>
    </a>
  );
}
