const MONTHS =
  'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|okt|dez|janv|févr|mars|avr|juin|juil|août|sept|déc|ene|abr|ago|dic|gen|mag|giu|lug|set|ott|fev|out|dez|mei|okt|maj|tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu|sty|lut|kwi|cze|lip|sie|wrz|paź|lis|gru|led|úno|bře|dub|kvě|čer|srp|zář|říj|lis|pro|jan|okt|márc|ápr|máj|jún|júl|szept|ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık|янв|фев|мар|апр|мая|май|июн|июл|авг|сен|окт|ноя|дек|січ|лют|бер|кві|тра|чер|лип|сер|вер|жов|лис|гру|ιαν|φεβ|μαρ|απρ|μαΐ|μαι|ιουν|ιουλ|αυγ|σεπ|οκτ|νοε|δεκ';
const MONTH_WORD = new RegExp(`(?<!\\p{L})(${MONTHS})\\p{L}*\\.?(?!\\p{L})`, 'iu');

/**
 * True when a header value reads as a date in any language: a time of day, a
 * numeric date, a year beside a day or month, or CJK date marks.
 */
export function looksLikeDate(value: string): boolean {
  const v = value.trim();
  if (/\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?|h|uhr|น\.)?(?!\d)/i.test(v) && /\d/.test(v.replace(/\d{1,2}[:.]\d{2}/, ''))) return true;
  if (/\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b/.test(v)) return true;
  if (/\d{4}\s*[年년]|\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]/u.test(v)) return true;
  return /(?<!\d)(19|20)\d{2}(?!\d)/.test(v) && (/(?<!\d)\d{1,2}(?!\d)/.test(v) || MONTH_WORD.test(v));
}
