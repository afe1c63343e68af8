/** Dates and sizes in the person's language. */
import { useTranslation } from 'react-i18next';

export function useFormat() {
  const { i18n } = useTranslation();
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const numbers = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return {
    date: (iso: string) => dates.format(new Date(iso)),
    size: (bytes: number) => (bytes < 1024 ? `${numbers.format(bytes)} B`
      : bytes < 1024 * 1024 ? `${numbers.format(bytes / 1024)} KB` : `${numbers.format(bytes / 1024 / 1024)} MB`),
  };
}
