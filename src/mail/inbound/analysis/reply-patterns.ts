/**
 * The wording mail clients use around quoted history and signatures, as data:
 * operators extend these lists for the languages and clients their customers
 * use. Every pattern is tested against one trimmed line unless noted.
 */

/** "wrote" in the languages we have met, as it ends an attribution line. */
const WROTE =
  'wrote|writes|schrieb|geschrieben|schreef|geschreven|a écrit|a ecrit|escribió|escribio|escreveu|ha scritto|scrisse|skrev|skriver|napisał\\(a\\)|napisal\\(a\\)|napisał|napisal|napsal|napísal|написал|написала|написав|kirjoitti|έγραψε|yazdı|írta|je napisao|je napisala|rašė|kirjutas|rakstīja|写道|寫道|wrote on'.replace(/ /g, '\\s+');

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
    // "<date>, Name <a@b.c>:" with no verb at all
    /^.{0,200}\d.{0,200}<\s*[^<>\s]+@[^<>\s]+\s*>\s*[:：]\s*$/u,
    // Gmail in some locales: "2016-02-07 0:12 GMT+01:00 Name <a@b.c>:"
    /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.{0,100}<\s*[^<>\s]+@[^<>\s]+\s*>\s*:\s*$/u,
    // "Le 12 mars 2024 à 10:00, Name <a@b.c> a écrit :" without the verb in our list
    /^(On|Am|Le|El|Em|Il|Op|Den|På|W dniu|Dne|В|Στις|Dana|Pe)\s.{0,200}<\s*[^<>\s]+@[^<>\s]+\s*>.{0,40}:\s*$/iu,
  ],
  /** Lines that start an attribution that may wrap onto the next line. */
  attributionStart: /^(On|Am|Le|El|Em|Il|Op|Den|På|W dniu|Dne|В|Στις|Dana|Pe|Le\s.+,)\s/iu,
  /** Separator lines above a quoted original. */
  separators: [
    /^-{2,}\s*(original message|ursprüngliche nachricht|originalnachricht|oprindelig besked|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|původní zpráva|pôvodná správa|oprindelig meddelelse|alkuperäinen viesti|opprinnelig melding|ursprungligt meddelande|wiadomość oryginalna|oryginalna wiadomość|исходное сообщение|mensagem original|eredeti üzenet|orijinal mesaj|原始邮件|原始郵件|元のメッセージ)\s*-{2,}$/iu,
    /^-{3,}\s*(reply|replied) (above|below) this line\s*-{3,}$/iu,
    /^#{2,}\s*(reply|replied) (above|below) this line/iu,
  ],
  /** A rule line that, when a header block follows, starts the history. */
  ruleLine: /^\s*(_{8,}|-{8,}|—{4,})\s*$/u,
  /** Header labels of a quoted Outlook-style block (From:, Sent:, To:, Subject:). */
  headerFrom: /^\*?\s*(from|von|de|da|van|fra|från|od|от|від|lähettäjä|feladó|kimden|afzender|expéditeur|remitente|mittente|nadawca|odesílatel|발신|差出人|发件人|寄件者)\s*\*?\s*:/iu,
  headerField:
    /^\*?\s*(from|sent|date|to|cc|subject|von|gesendet|datum|an|betreff|de|envoyé|date|à|objet|enviado|para|asunto|assunto|fecha|data|da|inviato|oggetto|a|van|verzonden|aan|onderwerp|fra|sendt|dato|til|emne|från|skickat|till|ämne|od|wysłano|do|temat|odesláno|komu|předmět|от|отправлено|кому|тема|дата|lähettäjä|lähetetty|vastaanottaja|aihe|feladó|küldve|címzett|tárgy|kimden|gönderildi|kime|konu|tarih|kopie|kopia|kopio|cci|bcc|reply-to|sent by)\s*\*?\s*:/iu,
  /** A forwarded message's opening line. */
  forwardMarkers: [
    /^-{2,}\s*(forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|mensagem encaminhada|messaggio inoltrato|doorgestuurd bericht|videresendt meddelelse|videresendt melding|vidarebefordrat meddelande|välitetty viesti|wiadomość przekazana|přeposlaná zpráva|пересылаемое сообщение|пересланное сообщение|original message|forwarded message follows)\s*-{2,}$/iu,
    /^(begin forwarded message|début du message réexpédié|anfang der weitergeleiteten nachricht|inicio del mensaje reenviado|início da mensagem reencaminhada|inizio messaggio inoltrato|begin doorgestuurd bericht|videresendt melding|vidarebefordrat mejl|välitetty viesti alkaa|początek przekazywanej wiadomości|začátek přeposílané zprávy|začiatok preposlanej správy)\s*:?$/iu,
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
  ],
} as const;
