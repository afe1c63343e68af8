/**
 * The wording mail clients use around quoted history and signatures, as data:
 * operators extend these lists for the languages and clients their customers
 * use. Every pattern is tested against one trimmed line unless noted.
 */

import { FORWARD_PATTERNS as F, alternation } from './forward-patterns.ts';
import { DATE_LABELS, FROM_LABELS, ORIGINAL_PHRASES, RECIPIENT_LABELS, SUBJECT_LABELS, WROTE_WORDS } from './mail-locales.ts';

/** "wrote" in the clients' languages, as it ends an attribution line (entries are regular expressions). */
const WROTE = [...WROTE_WORDS].sort((a, b) => b.length - a.length).join('|').replace(/ /g, '\\s+');
const FROM = alternation(FROM_LABELS);
const FIELD = alternation([...FROM_LABELS, ...SUBJECT_LABELS, ...DATE_LABELS, ...RECIPIENT_LABELS, 'sent by', 'importance', 'priorität', 'priorité']);

export const REPLY_PATTERNS = {
  /**
   * An attribution line ("On … wrote:"), tested against one line and against
   * two or three lines joined with a space (clients wrap long ones).
   */
  attribution: [
    new RegExp(`^.{0,300}(?<!\\p{L})(${WROTE})\\s*:?\\s*$`, 'iu'),
    new RegExp(`^.{0,300}(${WROTE})\\s*[:：]\\s*$`, 'iu'),
    // "<date> … skrev Name <a@b.c>:" — the verb before the sender
    new RegExp(`^.{0,200}\\d.{0,200}(?<!\\p{L})(${WROTE})(?!\\p{L}).{0,160}[:：]\\s*$`, 'iu'),
    // "Name <a@b.c> kirjoitti <date>:" — the verb after the address
    new RegExp(`^.{0,120}<\\s*[^<>\\s]+@[^<>\\s]+\\s*>\\s*(${WROTE})(?!\\p{L}).{0,80}\\d.{0,40}[:：]\\s*$`, 'iu'),
    // "<date>, Name <a@b.c>:" with no verb at all, or a short word we do not list ("…<a@b.c>のメール:")
    /^.{0,200}\d.{0,200}<\s*[^<>\s]+@[^<>\s]+\s*>[^<>@:：]{0,20}[:：]\s*$/u,
    // Gmail in some locales: "2016-02-07 0:12 GMT+01:00 Name <a@b.c>:"
    /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.{0,100}<\s*[^<>\s]+@[^<>\s]+\s*>\s*:\s*$/u,
    // "Le 12 mars 2024 à 10:00, Name <a@b.c> a écrit :" without the verb in our list
    /^(On|Am|Le|El|Em|Il|Op|Den|På|W dniu|Dne|В|Στις|Dana|Pe)\s.{0,200}<\s*[^<>\s]+@[^<>\s]+\s*>.{0,40}:\s*$/iu,
  ],
  /** Lines that start an attribution that may wrap onto the next line. */
  attributionStart: /^(On|Am|Le|El|Em|Il|Op|Den|På|W dniu|Dne|Dňa|В|У|Στις|Dana|Pe|În|Vào|Pada|Op|Le\s.+,)\s/iu,
  /** Separator lines above a quoted original. */
  separators: [
    new RegExp(`^-{2,}\\s*(${alternation(ORIGINAL_PHRASES)})\\s*-{2,}$`, 'iu'),
    /^-{3,}\s*(reply|replied) (above|below) this line\s*-{3,}$/iu,
    /^#{2,}\s*(reply|replied) (above|below) this line/iu,
  ],
  /** A rule line that, when a header block follows, starts the history. */
  ruleLine: /^\s*(_{8,}|-{8,}|—{4,})\s*$/u,
  /** Header labels of a quoted Outlook-style block (From:, Sent:, To:, Subject:). */
  headerFrom: new RegExp(`^\\*?\\s*(${FROM})\\s*\\*?\\s*[:：]`, 'iu'),
  headerField: new RegExp(`^\\*?\\s*(${FIELD})\\s*\\*?\\s*[:：]`, 'iu'),
  /** A forwarded message's opening line. */
  forwardMarkers: [
    ...F.markers,
    /^-{2,}\s*(original message|forwarded message follows)\s*-{2,}$/iu,
  ],
  /** Signature openers: the delimiter and the lines mobile clients append. */
  signatures: [
    /^--\s*$/u,
    /^—\s*$/u,
    /^sent from my [\w.-]+( [\w.-]+){0,4}\.?$/iu,
    /^sent from (my )?(iphone|ipad|android|mobile|blackberry|samsung|galaxy|outlook|mail|yahoo|windows|mailbox|aol|gmail)\b.{0,80}$/iu,
    /^sent (via|with|using) [\w .-]{1,40}$/iu,
    /^(sent|envoyé|enviado|inviato|gesendet|verzonden|skickat|sendt|wysłane|odesláno) (from|depuis|de|desde|da|von|vanaf|med|z|ze|fra|från) (my|mon|ma|mi|meu|minha|mio|mia|meinem|meiner|mijn|min|mitt|mojego|mého)(\s+[^\s,]+){1,4}\.?$/iu,
    /^von meinem .{1,60} gesendet\.?$/iu,
    /^get outlook for .{0,80}$/iu,
    /^(get|download|envoyé à partir de|envoyé de|sent from|gesendet von|enviado desde|enviado de|inviato da|verzonden (vanuit|met|via)|skickat från|sendt fra|lähetetty) .{0,30}outlook\b.{0,80}$/iu,
    /^__\s*$/u,
    /^get \[?outlook for/iu,
    /^(enviado|envoyé|inviato|verzonden|skickat|sendt) (desde|depuis|de|da|met|med|från|fra) .{1,40}$/iu,
    /^diese nachricht wurde von meinem .{1,80} gesendet\.?$/iu,
    /^(sent from|from my) (my )?(iphone|ipad|phone|mobile|android)\b.{0,30}$/iu,
    /^\(?sent from (a|my) (phone|mobile( device)?)\)?\.?$/iu,
    /^<<sent by .{1,30}>>$/iu,
    /^從我的 .{1,20} 傳送$/u,
    /^从我的.{1,20}发送$/u,
    /^verzonden met .{1,30}$/iu,
    /^sent with .{1,30}$/iu,
    /^sent from .{1,30} for (windows|mac|ios|android).{0,10}$/iu,
    /^sent from \[?mail\]?.{0,80}windows/iu,
    // "Sent from TypeApp<http://…>": an app's name and its link
    /^sent from [\w.-]+(\s*<https?:\/\/[^>\s]+>)?\.?$/iu,
    // The mobile clients' line in their other languages: a send (or "get") word and a device, nothing else
    /^(?=.{4,50}$)(?!.*[.!?]\S)[^.!?]{0,30}(sent|envoyé|enviado|inviato|gesendet|verzonden|verstuurd|skickat|sendt|lähetetty|wysłane|odesláno|odoslané|отправлено|надіслано|gönderildi|εστάλη|送信|发自|發自|傳送|보냄|küldve|trimis|poslano|poslato|נשלח|أرسلت|obtenha|obtener|télécharger|herunterladen|scarica|hanki|pobierz)[^.!?]{0,30}(iphone|ipad|android|galaxy|samsung|blackberry|huawei|xiaomi|windows phone|outlook|mobile|mobil|móvil|cellulare|telefon|手机|手機|携帯)[^.!?]{0,20}\.?$/iu,
    /^(?=.{4,50}$)(iphone|ipad|android|galaxy|huawei|xiaomi)\S{0,4}(から送信|에서 보냄|-?r[óo]l küldve|'?(umdan|den|dan) gönderildi)/iu,
  ],
} as const;
