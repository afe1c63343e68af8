import { describe, expect, it } from 'vitest';
import { visibleTextOf } from './visible-text.ts';

// Reply headers, separators and signatures of clients in languages beyond the
// western European ones; each case is a reply whose new text is "NEW".
const QUOTE = '> Die Pumpe leckt.\n> Bitte kommen.\n';
const attributions: Record<string, string> = {
  'Gmail el': 'Στις Πέμ 3 Δεκ 2026 στις 9:14 π.μ., ο χρήστης Marta K <marta@x.example> έγραψε:',
  'Gmail ru (no verb)': 'чт, 3 дек. 2026 г. в 09:14, Marta K <marta@x.example>:',
  'Gmail uk': 'чт, 3 груд. 2026 о 09:14 Marta K <marta@x.example> пише:',
  'Gmail tr': 'Marta K <marta@x.example>, 3 Ara 2026 Per, 09:14 tarihinde şunu yazdı:',
  'Gmail pl': 'czw., 3 gru 2026 o 09:14 Marta K <marta@x.example> napisał(a):',
  'Gmail cs': 'Dne čt 3. 12. 2026 9:14 uživatel Marta K <marta@x.example> napsal:',
  'Gmail hu': 'Marta K <marta@x.example> ezt írta (időpont: 2026. dec. 3., Cs, 9:14):',
  'Gmail ro': 'Pe joi, 3 dec. 2026 la 09:14, Marta K <marta@x.example> a scris:',
  'Gmail hr': 'čet, 3. pro 2026. u 09:14 Marta K <marta@x.example> napisao je:',
  'Gmail ja': '2026年12月3日(木) 9:14 Marta K <marta@x.example>:',
  'Gmail zh': 'Marta K <marta@x.example> 于2026年12月3日周四 09:14写道：',
  'Gmail ko': '2026년 12월 3일 (목) 오전 9:14, Marta K <marta@x.example>님이 작성:',
  'Gmail vi': 'Vào Th 5, 3 thg 12, 2026 vào lúc 09:14 Marta K <marta@x.example> đã viết:',
  'Gmail ar': 'في الخميس، 3 ديسمبر 2026 في 9:14 ص، كتب Marta K <marta@x.example>:',
  'Gmail he (bidi marks)': '\u202bבתאריך יום ה׳, 3 בדצמ׳ 2026 ב-9:14 מאת \u202aMarta K <marta@x.example>\u202c\u202c:',
  'Apple lt': '2026-12-03, 09:14, Marta K <marta@x.example> rašė:',
  'Gmail pl (pisze)': 'W dniu 3.12.2026 o 09:14, Marta K pisze:',
  'Japanese client (のメール)': '2026/12/03 9:14、Marta K <marta@x.example>のメール:',
  'unknown language, by its shape': 'Tarehe 3/12/2026 9:14, Marta K aliandika:',
};

describe('visibleTextOf in many languages', () => {
  for (const [client, line] of Object.entries(attributions)) {
    it(`cuts a ${client} attribution and its quote`, () => {
      expect(visibleTextOf(`NEW\n\n${line}\n${QUOTE}`)).toBe('NEW');
    });
  }

  const outlook: Record<string, string> = {
    el: 'Από: Marta K <marta@x.example>\nΣτάλθηκε: Πέμπτη, 3 Δεκεμβρίου 2026 9:14 πμ\nΠρος: desk@parley.example\nΘέμα: Αντλία',
    ru: 'От: Marta K <marta@x.example>\nОтправлено: 3 декабря 2026 г. 9:14\nКому: desk@parley.example\nТема: Насос',
    tr: 'Kimden: Marta K <marta@x.example>\nGönderildi: 3 Aralık 2026 Perşembe 09:14\nKime: desk@parley.example\nKonu: Pompa',
    ja: '差出人: Marta K <marta@x.example>\n送信日時: 2026年12月3日 9:14\n宛先: desk@parley.example\n件名: ポンプ',
    he: 'מאת: Marta K <marta@x.example>\nנשלח: יום חמישי 3 דצמבר 2026 09:14\nאל: desk@parley.example\nנושא: משאבה',
  };
  for (const [lang, block] of Object.entries(outlook)) {
    it(`cuts an Outlook (${lang}) header block under a rule`, () => {
      expect(visibleTextOf(`NEW\n\n________________________________\n${block}\n\nold text`)).toBe('NEW');
    });
  }

  for (const separator of ['-----Αρχικό μήνυμα-----', '-----Исходное сообщение-----', '-----Özgün İleti-----', '*-------- Original Message --------*', '-----原始邮件-----']) {
    it(`cuts at the separator ${separator}`, () => {
      expect(visibleTextOf(`NEW\n\n${separator}\nold text`)).toBe('NEW');
    });
  }

  for (const signature of ['Verstuurd vanaf mijn iPhone', 'Отправлено с iPhone', 'iPhoneから送信', 'Εστάλη από το iPhone μου', 'Sent from TypeApp<http://www.typeapp.example/r>']) {
    it(`drops the mobile signature "${signature}"`, () => {
      expect(visibleTextOf(`NEW\n\n${signature}`)).toBe('NEW');
    });
  }

  it('takes the attribution from its own line, not from the text wrapped above it', () => {
    const text = 'NEW line one\nthat wraps in 2 parts.\nOp 3 dec. 2026 09:14 schreef "Marta K" <marta@x.example> het\nvolgende geschreven:\n\n> oud\n';
    expect(visibleTextOf(text)).toBe('NEW line one\nthat wraps in 2 parts.');
  });

  it('treats a quoted line wrapped without ">" as part of the trailing quote', () => {
    const text = 'NEW\n\nOn Thu, Dec 3, 2026 at 9:14 AM Marta K <marta@x.example> wrote:\n> This quoted line is long enough that the client wrapped it without\nrepeating the marker.\n>\n';
    expect(visibleTextOf(text)).toBe('NEW');
  });

  it('cuts an undashed "Original Message" line with its header block', () => {
    expect(visibleTextOf('NEW\n\nOriginal Message\nFrom: a@b.example\nSent: Thursday\nTo: c@d.example\nSubject: x\n\nold')).toBe('NEW');
  });

  it('keeps a reply with no history intact', () => {
    expect(visibleTextOf('NEW\n\nI sent the photos from my phone: see attachment 7.')).toBe('NEW\n\nI sent the photos from my phone: see attachment 7.');
  });
});
