/** A page address the app does not know. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTitle } from '../hooks/use-title.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  useTitle(t('Page not found'));
  return (
    <section>
      <h1>{t('Page not found')}</h1>
      <p><Link to="/">{t('Back to the tickets')}</Link></p>
    </section>
  );
}
