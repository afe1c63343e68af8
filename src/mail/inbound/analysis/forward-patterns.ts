/**
 * How clients introduce an inline forward, as data operators can extend.
 * Header labels are matched at the start of a line, case-insensitively.
 */
export const FORWARD_PATTERNS = {
  /** Subject prefixes of a forward: Fw, Fwd, TR (fr), WG (de), RV (es), ENC (pt), I (it), VS (da/fi)… */
  subjectPrefix: /^\s*(fwd?|fw|tr|wg|rv|enc|i|vs|vb|vl|doorst|pd|fs|trs|videresend|továbbítás|ilt|przekaż|přeposlat|přep|р|пересл|fwd?\[\d+\])\s*:/iu,
  /** Subject prefixes of a reply: a quoted header below it is history, not a forward. */
  replyPrefix: /^\s*(re|aw|sv|antw|odp|vá|ynt|ref|res|r|отв|ат)\s*(\[\d+\])?\s*:/iu,
  /** Lines that can only open a forward. */
  markers: [
    /^-{2,}\s*(forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|mensagem encaminhada|messaggio inoltrato|doorgestuurd bericht|videresendt meddelelse|videresendt melding|vidarebefordrat meddelande|välitetty viesti|edelleenlähetetty viesti|wiadomość przekazana|przekazana wiadomość|přeposlaná zpráva|preposlaná správa|пересылаемое сообщение|пересланное сообщение|переслане повідомлення|iletilmiş mesaj|továbbított üzenet|proslijeđena poruka|mesaj redirecționat|mesaj redirectionat|videresendt besked|メッセージを転送|転送メッセージ|转发的邮件|轉寄的郵件|forwarded message follows|wiadomość przesłana dalej|message transmis|mensagem reencaminhada|doorgestuurd bericht)[^-]{0,30}-{2,}$/iu,
    /^(begin forwarded message|forwarded message|début du message réexpédié|message transféré|anfang der weitergeleiteten nachricht|weitergeleitete nachricht|inicio del mensaje reenviado|início da mensagem reencaminhada|início da mensagem encaminhada|inizio messaggio inoltrato|begin doorgestuurd bericht|videresendt melding|videresendt besked|vidarebefordrat mejl|välitetty viesti alkaa|początek przekazywanej wiadomości|začátek přeposílané zprávy|začiatok preposlanej správy|начало переадресованного сообщения)\s*:?$/iu,
  ],
  /** Separators that open a forward unless the subject says it is a reply. */
  weakMarkers: [
    /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|původní zpráva|pôvodná správa|oprindelig meddelelse|alkuperäinen viesti|opprinnelig melding|ursprungligt meddelande|oryginalna wiadomość|исходное сообщение|mensagem original|eredeti üzenet|orijinal mesaj)\s*-{2,}$/iu,
    /^_{8,}$/u,
  ],
  fromLabels:
    'de la|from|von|de|da|van|fra|från|od|от|від|lähettäjä|feladó|kimden|gönderen|afzender|expéditeur|remitente|mittente|nadawca|odesílatel|pošiljatelj|šalje|saatja|送信元|差出人|发件人|寄件者|보낸 사람',
  subjectLabels:
    'subject|betreff|objet|asunto|assunto|oggetto|onderwerp|emne|ämne|předmět|predmet|temat|тема|aihe|tárgy|konu|subiect|naslov|件名|主题|主旨|제목',
  dateLabels:
    'date|päiväys|datum|data|fecha|dato|päivämäärä|dátum|дата|tarih|日付|日期|sent|gesendet|envoyé|enviado|inviato|verzonden|sendt|skickat|wysłano|odesláno|lähetetty|elküldve|gönderildi|odoslané|poslano|trimis|отправлено|надіслано',
} as const;
