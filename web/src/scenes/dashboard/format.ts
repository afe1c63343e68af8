/** Figures in the person's language: counts, shares and durations (Intl's own unit names, so no text to translate). */
import { useTranslation } from 'react-i18next';

export function useFigures() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const count = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const unit = (u: 'minute' | 'hour' | 'day') => new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 1 });
  return {
    count: (n: number) => count.format(n),
    percent: (share: number | null) => (share === null ? '—' : percent.format(share)),
    /** Minutes as minutes, hours or days, whichever reads best; a dash when nothing was measured. */
    duration: (minutes: number | null) => {
      if (minutes === null || !Number.isFinite(minutes)) return '—';
      if (minutes < 90) return unit('minute').format(Math.round(minutes));
      if (minutes < 48 * 60) return unit('hour').format(minutes / 60);
      return unit('day').format(minutes / 1440);
    },
  };
}
