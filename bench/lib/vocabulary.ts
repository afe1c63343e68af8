/**
 * The text of the seeded tickets. Each language has ~1,500 words ranked by Zipf's law
 * (function words first, the everyday domain words among them, generated words in the
 * tail), so a word's rank fixes how many tickets contain it; every message also names
 * a person or product from a pool that grows with the ticket count (~35 tickets each),
 * the rare words people really search for. Everything is deterministic.
 */
import { Prng, Zipf } from './prng.ts';
import { EN_DOMAIN, EN_FUNCTION, EN_TOP_DOMAIN, ES_DOMAIN, ES_FUNCTION, ES_TOP_DOMAIN, words } from './words.ts';

export type Lang = 'es' | 'en';

const WORDS_PER_LANGUAGE = 1500;
const ZIPF_EXPONENT = 1.05;
/** Share of Spanish tickets (the rest are English). */
export const SPANISH_SHARE = 0.7;
/** Average words a body draws from the Zipf vocabulary (see body()). */
const WORDS_PER_BODY = 47;
/** Average rare words per body. */
const RARE_PER_BODY = 0.9;

const fold = (w: string) => w.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

interface Language { ranked: string[]; zipf: Zipf; nouns: string[]; verbs: string[]; subjects: string[]; greetings: string[]; closings: string[] }

export interface SearchWord { word: string; expectedShare: number }

export class Vocabulary {
  readonly langs: Record<Lang, Language>;
  readonly rare: string[];
  /** Every word, folded and sorted, to find prefixes by binary search. */
  private readonly sorted: string[];

  constructor(ticketCount: number) {
    const rng = new Prng(20260208);
    const taken = new Set<string>();
    this.langs = {
      es: language(rng, taken, ES_FUNCTION, ES_TOP_DOMAIN, ES_DOMAIN, ES_SYLLABLES, ES_ENDINGS, {
        verbs: ['crear', 'configurar', 'instalar', 'renovar', 'transferir', 'actualizar', 'eliminar', 'enviar', 'restaurar', 'pagar'],
        subjects: ['Error al {v} {n}', 'No puedo acceder a mi {n}', 'Consulta sobre {n}', 'Problema con {n}', 'Problema con el {n} de {n}',
          'Solicitud de {n}', '{N} no funciona', 'Duda sobre la factura {num}', 'Renovación de {n}', 'Cambio de {n}',
          'Urgente: {n} caído', '{N} muy lento', 'Ayuda con {n} y {n}', 'Re: {n}', 'Fwd: aviso de {n}'],
        greetings: ['Hola,', 'Buenos días,', 'Buenas tardes,', 'Estimado equipo de soporte,', 'Hola equipo,'],
        closings: ['Gracias.', 'Un saludo.', 'Saludos cordiales.', 'Quedo a la espera de su respuesta.', 'Muchas gracias de antemano.'],
      }),
      en: language(rng, taken, EN_FUNCTION, EN_TOP_DOMAIN, EN_DOMAIN, EN_SYLLABLES, EN_ENDINGS, {
        verbs: ['create', 'configure', 'install', 'renew', 'transfer', 'update', 'delete', 'send', 'restore', 'pay'],
        subjects: ['Error when trying to {v} {n}', 'Cannot access my {n}', 'Question about {n}', 'Problem with {n}', 'Request: {n} change',
          '{N} not working', 'Invoice {num} question', '{N} renewal', 'Urgent: {n} down', '{N} is very slow',
          'Help with {n} and {n}', 'Re: {n}', 'Fwd: {n} notice'],
        greetings: ['Hi,', 'Hello,', 'Hello team,', 'Dear support,', 'Good morning,'],
        closings: ['Thanks.', 'Best regards.', 'Kind regards.', 'Looking forward to your reply.', 'Thank you in advance.'],
      }),
    };
    const poolSize = Math.min(50_000, Math.max(2_000, Math.round((ticketCount * RARE_PER_BODY) / 35)));
    this.rare = generated(rng, taken, NAME_SYLLABLES, NAME_ENDINGS, poolSize).map(capitalize);
    this.sorted = [...taken].sort();
  }

  pickLang(rng: Prng): Lang {
    return rng.chance(SPANISH_SHARE) ? 'es' : 'en';
  }

  subject(lang: Lang, rng: Prng): string {
    const l = this.langs[lang];
    const noun = () => l.nouns[Math.min(l.nouns.length - 1, Math.floor(l.nouns.length * rng.next() ** 2))];
    return rng.pick(l.subjects)
      .replace(/\{n\}/g, noun)
      .replace(/\{N\}/g, () => capitalize(noun()))
      .replace(/\{v\}/g, () => rng.pick(l.verbs))
      .replace(/\{num\}/g, () => String(1000 + rng.int(99_000)));
  }

  /** A message body as paragraphs: a greeting, 2–8 sentences in 1–3 paragraphs, a closing. */
  body(lang: Lang, rng: Prng): string[] {
    const l = this.langs[lang];
    const sentences: string[] = [];
    const count = 2 + rng.int(7);
    let rare = rng.weighted([[0, 0.3], [1, 0.5], [2, 0.2]] as const);
    for (let s = 0; s < count; s++) {
      const n = 5 + rng.int(10);
      const ws: string[] = [];
      for (let i = 0; i < n; i++) ws.push(l.ranked[l.zipf.sample(rng)]);
      if (rare > 0 && rng.chance(0.5)) { ws.splice(rng.int(ws.length), 0, rng.pick(this.rare)); rare--; }
      sentences.push(`${capitalize(ws.join(' '))}.`);
    }
    if (rare > 0) sentences.push(`${rng.pick(this.rare)}.`);
    const paragraphs = [rng.pick(l.greetings)];
    const split = Math.max(1, Math.ceil(sentences.length / (1 + rng.int(3))));
    for (let i = 0; i < sentences.length; i += split) paragraphs.push(sentences.slice(i, i + split).join(' '));
    paragraphs.push(rng.pick(l.closings));
    return paragraphs;
  }

  /**
   * Real domain words whose expected share of tickets is closest to `share`, skipping
   * words that are the prefix of another (search matches prefixes: "web" finds "webmail").
   */
  searchWords(share: number, count: number): SearchWord[] {
    const candidates: SearchWord[] = [];
    for (const [lang, l] of Object.entries(this.langs) as Array<[Lang, Language]>) {
      const langShare = lang === 'es' ? SPANISH_SHARE : 1 - SPANISH_SHARE;
      l.ranked.forEach((word, rank) => {
        if (!l.nouns.includes(word) || this.isPrefix(word)) return;
        const p = l.zipf.probabilities[rank];
        candidates.push({ word, expectedShare: langShare * (1 - (1 - p) ** WORDS_PER_BODY) });
      });
    }
    candidates.sort((a, b) => Math.abs(Math.log(a.expectedShare / share)) - Math.abs(Math.log(b.expectedShare / share)));
    return candidates.slice(0, count);
  }

  /** Names from the rare pool (each in about 35 tickets), for rare searches. */
  rareWords(count: number): SearchWord[] {
    const rng = new Prng(7);
    const expectedShare = RARE_PER_BODY / this.rare.length;
    const out: SearchWord[] = [];
    while (out.length < count) {
      const word = rng.pick(this.rare);
      if (!this.isPrefix(word) && !out.some((w) => w.word === word)) out.push({ word, expectedShare });
    }
    return out;
  }

  private isPrefix(word: string): boolean {
    const w = fold(word);
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] <= w) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.sorted.length && this.sorted[lo].startsWith(w);
  }
}

function language(rng: Prng, taken: Set<string>, fn: string, top: string, domain: string, syllables: string[], endings: string[],
  extra: Pick<Language, 'verbs' | 'subjects' | 'greetings' | 'closings'>): Language {
  const f = words(fn);
  const t = words(top);
  const d = shuffle(rng, words(domain).filter((w) => !t.includes(w) && !f.includes(w)));
  const real = [...new Set([...f.slice(0, 25), ...t, ...f.slice(25), ...d])];
  for (const w of real) taken.add(fold(w));
  const ranked = [...real, ...generated(rng, taken, syllables, endings, WORDS_PER_LANGUAGE - real.length)];
  return { ranked, zipf: new Zipf(ranked.length, ZIPF_EXPONENT), nouns: [...t, ...d], ...extra };
}

/** Pronounceable made-up words from syllables and endings, unique across the vocabulary. */
function generated(rng: Prng, taken: Set<string>, syllables: string[], endings: string[], count: number): string[] {
  const out: string[] = [];
  while (out.length < count) {
    let w = '';
    const n = 1 + rng.int(3);
    for (let i = 0; i < n; i++) w += rng.pick(syllables);
    w += rng.pick(endings);
    const key = fold(w);
    if (key.length < 5 || taken.has(key)) continue;
    taken.add(key);
    out.push(w);
  }
  return out;
}

function shuffle<T>(rng: Prng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

const ES_SYLLABLES = 'ba be bi bo ca ce ci co cu da de di do fa fe fi ga go la le li lo lu ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi za cha che llo rra tra pre bla'.split(' ');
const ES_ENDINGS = 'ción ado ada ero era ismo mente ble dad ente oso osa ito ita al ar er ir'.split(' ');
const EN_SYLLABLES = 'ba be bo ca co da de di fa fo ga go ha he ho ja ka la le li lo ma me mo na ne no pa pe po ra re ro sa se so ta te to va ve wa we wo ya bri cla dra fla gro pla stra thra'.split(' ');
const EN_ENDINGS = 'ing tion er ness able ment ly ive ful less ed ist ize'.split(' ');
const NAME_SYLLABLES = 'al bar cor dan el fer gar hel ir jor kal lor mar nor or pol quin ros sal tor ul val wen xan yor zan bel cas dor fen gil har lin mel ner pas rin sol tam ven'.split(' ');
const NAME_ENDINGS = 'ez ia on ova ski sen berg ton ani ello ard ette ius ora ix ex um'.split(' ');
