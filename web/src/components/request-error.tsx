/** What went wrong with a request, said where the person acted (role=alert is announced at once). */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

export function requestErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return 'Too many attempts. Wait a minute and try again.';
    if (error.status === 403) return 'You may not do this.';
    if (error.status === 404) return 'This was not found, or you may not see it.';
    if (error.status >= 500) return 'The server failed. Try again in a moment.';
    return 'The request was refused. Check what you entered.';
  }
  return 'The server could not be reached. Try again.';
}

export function RequestError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <p role="alert" className="request-error">{t(requestErrorText(error))}</p>;
}
