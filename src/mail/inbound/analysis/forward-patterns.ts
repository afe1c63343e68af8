/**
 * How clients introduce an inline forward, as data operators can extend. The words
 * come from mail-locales.ts; header labels are matched at the start of a line,
 * case-insensitively, after foldCase.
 */
import { DATE_LABELS, FORWARD_PHRASES, FROM_LABELS, ORIGINAL_PHRASES, RECIPIENT_LABELS, SUBJECT_LABELS } from './mail-locales.ts';

/** A regular-expression alternation of literal words, longest first, spaces matching any run of blanks. */
export function alternation(words: readonly string[]): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

/** Case folding the `i` flag does not do: Turkish dotted capital I. */
export const foldCase = (text: string): string => text.replace(/İ/g, 'I');

const FORWARD = alternation(FORWARD_PHRASES);
const ORIGINAL = alternation(ORIGINAL_PHRASES);

export const FORWARD_PATTERNS = {
  /** Subject prefixes of a forward in the clients' languages (Fw, TR, WG, RV, ENC, I, VS, VB, PD, İLT, ΠΡΘ, Пересл, 转发…). */
  subjectPrefix:
    /^\s*(?:\[[^\]]{1,30}\]\s*)?(fwd?|fw|tr|trs|wg|rv|enc|i|vs|vb|vl|doorst|pd|fs|videresend|továbbítás|tov|ilt|przekaż|přeposlat|přep|р|пересл|перес|прослеђено|proslijedi|prosl|posl|pārs|prsn|edasi|πρθ|προωθ|转发|轉寄|转寄|転送|전달|chuyển tiếp|tt|ส่งต่อ|إعادة توجيه|הועבר|fwd?\[\d+\])\s*\.?\s*[:：]/iu,
  /** Subject prefixes of a reply: a quoted header below it is history, not a forward. */
  replyPrefix:
    /^\s*(?:\[[^\]]{1,30}\]\s*)?(re|aw|sv|antw|odp|vá|ynt|ref|res|r|отв|ат|отг|одг|odg|απ|σχετ|atb|ats|tl|balas|回复|回覆|答复|返信|답장|رد|השב|ตอบกลับ)\s*(\[\d+\])?\s*\.?\s*[:：]/iu,
  /** Lines that can only open a forward. */
  markers: [
    new RegExp(`^-{2,}\\s*(${FORWARD})[^-]{0,30}-{2,}$`, 'iu'),
    new RegExp(`^[-=_*]{0,5}\\s*(${FORWARD})\\s*[:：]?\\s*[-=_*]{0,5}$`, 'iu'),
  ],
  /** Separators that open a forward unless the subject says it is a reply. */
  weakMarkers: [new RegExp(`^-{2,}\\s*(${ORIGINAL})\\s*-{2,}$`, 'iu'), /^_{8,}$/u],
  /**
   * Lines that may open a forward in a language we do not list: a short text between
   * dashes, or a short line ending with a colon. They count only when a header block
   * with the sender's address follows.
   */
  unknownMarkers: [/^-{2,}\s*[^-\s@][^-@]{1,60}?\s*-{2,}$/u, /^[^\s:@<>\d][^:@<>\d]{2,60}[:：]$/u],
  fromLabels: alternation(FROM_LABELS),
  subjectLabels: alternation(SUBJECT_LABELS),
  dateLabels: alternation(DATE_LABELS),
  recipientLabels: alternation(RECIPIENT_LABELS),
};
