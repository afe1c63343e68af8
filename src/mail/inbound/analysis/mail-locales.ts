/**
 * The words mail clients write around quoted and forwarded mail, in the languages
 * Gmail, Outlook (classic, new and web), Apple Mail, Yahoo and Thunderbird are
 * localized into. Data only: forward-patterns.ts and reply-patterns.ts build their
 * regular expressions from these lists, and the structural readers
 * (forward-headers.ts) do without them when a language is missing.
 * Entries are lower-case; matching is case-insensitive (Turkish İ is folded first).
 */

/** Opening phrases of a forwarded message ("Forwarded message", "Begin forwarded message"). */
export const FORWARD_PHRASES = [
  // en
  'forwarded message', 'forwarded message follows', 'begin forwarded message', 'forwarded email', 'forwarded e-mail', 'forwarded mail', 'message forwarded',
  // de, fr, es, ca, it, pt
  'weitergeleitete nachricht', 'anfang der weitergeleiteten nachricht', 'weitergeleitete e-mail',
  'message transféré', 'message transfere', 'début du message réexpédié', 'début du message transféré', 'message transmis', 'message réexpédié',
  'mensaje reenviado', 'inicio del mensaje reenviado', 'comienzo del mensaje reenviado', 'missatge reenviat', 'inici del missatge reenviat',
  'messaggio inoltrato', 'inizio messaggio inoltrato', 'inizio del messaggio inoltrato',
  'mensagem encaminhada', 'mensagem reencaminhada', 'início da mensagem reencaminhada', 'início da mensagem encaminhada', 'inicio da mensagem encaminhada',
  // nl, nordic, baltic
  'doorgestuurd bericht', 'begin doorgestuurd bericht', 'doorgestuurde e-mail',
  'vidarebefordrat meddelande', 'vidarebefordrat mejl', 'vidarebefordrat e-postmeddelande', 'videresendt meddelelse', 'videresendt besked', 'videresendt melding', 'videresendt e-post',
  'välitetty viesti', 'välitetty viesti alkaa', 'edelleenlähetetty viesti', 'áframsent skeyti',
  'edasi saadetud kiri', 'edastatud kiri', 'edastatud sõnum', 'pārsūtīta ziņa', 'pārsūtītā ziņa', 'pārsūtīts ziņojums', 'persiųstas laiškas', 'persiunčiamas laiškas', 'persiųsta žinutė',
  // central and eastern europe
  'przekazana wiadomość', 'wiadomość przekazana', 'wiadomość przekazana dalej', 'wiadomość przesłana dalej', 'początek przekazywanej wiadomości',
  'přeposlaná zpráva', 'začátek přeposílané zprávy', 'preposlaná správa', 'začiatok preposlanej správy', 'preposlaná pošta',
  'továbbított üzenet', 'továbbított levél kezdete', 'továbbított levél', 'mesaj redirecționat', 'mesaj redirectionat', 'începutul mesajului redirecționat', 'mesaj transmis',
  'proslijeđena poruka', 'početak proslijeđene poruke', 'prosleđena poruka', 'posredovano sporočilo', 'začetek posredovanega sporočila',
  'прослеђена порука', 'препратено съобщение', 'препратено писмо', 'препратена порака',
  'пересылаемое сообщение', 'пересланное сообщение', 'перенаправленное сообщение', 'начало переадресованного сообщения', 'переадресованное сообщение',
  'переслане повідомлення', 'пересланий лист', 'початок листа, що пересилається', 
  'προωθημένο μήνυμα', 'αρχή προωθημένου μηνύματος', 'προωθούμενο μήνυμα',
  'iletilmiş mesaj', 'iletilen mesaj', 'iletilen ileti', 'yönlendirilmiş ileti', 'yönlendirilen ileti', 'iletilen ileti başlangıcı', 'iletilmiş ileti',
  // asia, middle east
  'メッセージを転送', '転送メッセージ', '転送されたメッセージ', '転送メール', '转发的邮件', '转发邮件', '以下为转发的邮件', '转发的消息', '轉寄的郵件', '以下是轉寄的郵件', '轉寄郵件', '轉寄的訊息',
  '전달된 메시지', '전달된 메일', '전달 메시지', 'thư đã chuyển tiếp', 'thư được chuyển tiếp', 'bắt đầu thư được chuyển tiếp', 'tin nhắn đã chuyển tiếp',
  'ข้อความที่ส่งต่อ', 'เริ่มข้อความที่ส่งต่อ', 'pesan yang diteruskan', 'pesan terusan', 'awal pesan yang diteruskan', 'mesej dimajukan', 'mesej yang dimajukan',
  'الرسالة المعاد توجيهها', 'رسالة معاد توجيهها', 'بداية الرسالة المعاد توجيهها', 'הודעה שהועברה', 'הודעה מועברת', 'תחילת הודעה שהועברה',
  'پیام بازارسال شده', 'پیام بازارسال‌شده', 'अग्रेषित संदेश', 'फ़ॉरवर्ड किया गया संदेश',
];

/** "Original message" separators: a forward or a reply's history, depending on the subject. */
export const ORIGINAL_PHRASES = [
  'original message', 'ursprüngliche nachricht', 'originalnachricht', "message d'origine", 'message original', 'mensaje original', 'missatge original',
  'messaggio originale', 'mensagem original', 'oorspronkelijk bericht', 'origineel bericht', 'ursprungligt meddelande', 'oprindelig meddelelse',
  'oprindelig besked', 'opprinnelig melding', 'alkuperäinen viesti', 'upprunalegt skeyti', 'algne sõnum', 'algne kiri', 'sākotnējais ziņojums',
  'sākotnējā ziņa', 'pradinis laiškas', 'originalus laiškas', 'wiadomość oryginalna', 'oryginalna wiadomość', 'původní zpráva', 'pôvodná správa',
  'eredeti üzenet', 'mesaj original', 'mesajul original', 'izvorna poruka', 'originalna poruka', 'izvirno sporočilo', 'originalno sporočilo',
  'оригинална порука', 'оригинално съобщение', 'исходное сообщение', 'оригинальное сообщение', 'вихідне повідомлення', 'оригінальне повідомлення',
  'αρχικό μήνυμα', 'özgün ileti', 'orijinal mesaj', 'orijinal ileti', '元のメッセージ', '原始邮件', '原始郵件', '原邮件', '원본 메시지', '원래 메시지',
  'thư gốc', 'ข้อความต้นฉบับ', 'pesan asli', 'mesej asal', 'الرسالة الأصلية', 'הודעה מקורית', 'پیام اصلی', 'मूल संदेश',
];

/** Labels of the sender line in a quoted or forwarded header block. */
export const FROM_LABELS = [
  'from', 'von', 'de', 'de la', 'da', 'van', 'fra', 'från', 'frá', 'od', 'от', 'от кого', 'од', 'від', 'lähettäjä', 'feladó', 'kimden', 'gönderen',
  'afzender', 'expéditeur', 'remitente', 'mittente', 'nadawca', 'odesílatel', 'odosielateľ', 'pošiljatelj', 'šalje', 'saatja', 'sender',
  'no', 'nuo', 'siuntėjas', 'sūtītājs', 'από', 'αποστολέας', 'de către', 'remetente', 'avsändare', 'afsender', 'avsender', 'pošiljalec',
  '送信元', '差出人', '送信者', '发件人', '寄件者', '寄件人', '보낸 사람', '보낸사람', 'từ', 'người gửi', 'จาก', 'ผู้ส่ง', 'dari', 'pengirim', 'daripada',
  'من', 'المرسل', 'מאת', 'از', 'फ़्रॉम', 'प्रेषक',
];

/** Labels of the subject line. */
export const SUBJECT_LABELS = [
  'subject', 'betreff', 'objet', 'sujet', 'asunto', 'assumpte', 'assunto', 'oggetto', 'onderwerp', 'emne', 'ämne', 'efni', 'aihe', 'teema',
  'tēma', 'tema', 'temat', 'předmět', 'predmet', 'tárgy', 'subiect', 'naslov', 'zadeva', 'тема', 'относно', 'предмет', 'θέμα', 'konu',
  '件名', '主题', '主旨', '主題', '제목', 'chủ đề', 'tiêu đề', 'เรื่อง', 'หัวเรื่อง', 'perihal', 'subjek', 'judul', 'الموضوع', 'موضوع', 'נושא', 'विषय',
];

/** Labels of the date line ("Date", and Outlook's "Sent"). */
export const DATE_LABELS = [
  'date', 'sent', 'datum', 'data', 'dato', 'dată', 'data trimiterii', 'fecha', 'päiväys', 'päivämäärä', 'dátum', 'datums', 'kuupäev', 'дата',
  'tarih', 'ημερομηνία', 'ημ/νία', '日付', '日期', '送信日時', '发送时间', '發送時間', '寄件日期', '날짜', '보낸 날짜', 'ngày', 'วันที่', 'tanggal', 'tarikh',
  'التاريخ', 'תאריך', 'تاریخ', 'दिनांक', 'tidspunkt',
  'gesendet', 'envoyé', 'envoyé le', 'enviado', 'enviado el', 'enviat', 'inviato', 'verzonden', 'sendt', 'skickat', 'sent at', 'wysłano', 'wysłany',
  'odesláno', 'odoslané', 'lähetetty', 'elküldve', 'küldve', 'gönderildi', 'gönderilen', 'gönderme tarihi', 'trimis', 'poslano', 'poslato', 'poslané',
  'išsiųsta', 'nosūtīts', 'saadetud', 'отправлено', 'надіслано', 'изпратено', 'послато', 'στάλθηκε', 'đã gửi', 'ส่ง', 'dikirim',
  'dihantar', 'تم الإرسال', 'נשלח', 'ارسال شده', 'भेजा गया',
];

/** Labels of recipient lines (To, Cc, Bcc, Reply-To): never the sender, never the subject. */
export const RECIPIENT_LABELS = [
  'to', 'cc', 'bcc', 'reply-to', 'an', 'kopie', 'à', 'a', 'cci', 'para', 'per a', 'aan', 'til', 'kopi', 'till', 'kopia', 'vastaanottaja',
  'kopio', 'do', 'dw', 'komu', 'kópia', 'címzett', 'másolat', 'másolatot kap', 'către', 'catre', 'prima', 'kopija', 'za', 'kp', 'кому', 'копия',
  'копія', 'до', 'за', 'προς', 'κοιν', 'κοιν.', 'kime', 'bilgi', 'adressaat', 'koopia', 'kam', 'kopija', 'gavėjas', 'saņēmējs',
  '宛先', '送信先', '收件人', '抄送', '收件者', '副本', '받는 사람', '받는사람', '참조', 'đến', 'tới', 'ถึง', 'สำเนา', 'kepada', 'kpd', 'tembusan',
  'إلى', 'نسخة', 'אל', 'עותק', 'به', 'प्रति', 'mottaker', 'mottagare', 'modtager',
];

/** Verbs that end an attribution line ("On … wrote:"). */
export const WROTE_WORDS = [
  'wrote', 'writes', 'schrieb', 'geschrieben', 'schreef', 'geschreven', 'a écrit', 'a ecrit', 'escribió', 'escribio', 'va escriure',
  'escreveu', 'ha scritto', 'scrisse', 'skrev', 'skriver', 'skrifaði', 'napisał\\(a\\)', 'pisze', 'napisała', 'napisal\\(a\\)', 'napisała', 'napisał', 'napisal',
  'napsal\\(a\\)', 'napsal', 'napsala', 'napísal\\(a\\)', 'napísal', 'napísala', 'написал\\(а\\)', 'написал', 'написала', 'написав\\(ла\\)',
  'написав', 'написала', 'написа', 'пише', 'napisao je', 'napisala je', 'schrieb am', 'је написао', 'је написала', 'kirjoitti', 'έγραψε', 'yazdı', 'ezt írta', 'írta', 'je napisao', 'je napisala',
  'je napisal\\(a\\)', 'je napisal', 'je napisala', 'a scris', 'rašė', 'parašė', 'kirjutas', 'rakstīja', '写道', '寫道', '寫到', 'wrote on',
  'đã viết', 'เขียน', 'menulis', 'telah menulis', 'كتب', 'כתב', 'כתבה', 'نوشت', 'ने लिखा', '작성', '님이 작성', 'のメッセージ', 'は書きました',
];
