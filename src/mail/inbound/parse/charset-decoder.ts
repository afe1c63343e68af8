import { EventEmitter } from 'node:events';
import iconv from 'iconv-lite';

/**
 * Labels read as the superset mail software really meant (as browsers do):
 * mail labelled gb2312 is written in GBK/GB18030, iso-8859-1 in windows-1252,
 * shift_jis in Windows-31J, ks_c_5601-1987 in UHC, big5 with HKSCS, tis-620 in
 * windows-874.
 */
const SUPERSETS: Array<[RegExp, string]> = [
  [/^(gb2312|gb_2312(-80)?|gbk|x-gbk|cp936|ms936|euc-cn|csgb2312|chinese)$/, 'gb18030'],
  [/^(iso-8859-1|latin-?1|l1|iso_8859-1(:1987)?|cp819|ibm819|us-ascii|ascii|ansi_x3\.4-1968)$/, 'windows-1252'],
  [/^(shift[-_]jis|sjis|x-sjis|ms_kanji|csshiftjis|windows-31j|cp932)$/, 'cp932'],
  [/^(ks_c_5601(-1987|-1989)?|euc-kr|korean|csksc56011987|iso-ir-149|cp949|windows-949)$/, 'cp949'],
  [/^(big5|big5-hkscs|x-x-big5|cn-big5|csbig5)$/, 'big5hkscs'],
  [/^(tis-620|iso-8859-11)$/, 'windows-874'],
  [/^iso-8859-(\d+)-[ie]$/, 'iso-8859-$1'],
  [/^(x-)?mac-?roman$/, 'macintosh'],
  [/^unicode-1-1-utf-7$/, 'utf-7'],
];

/** A charset label in the form the decoders know. */
export function canonicalCharset(label: string): string {
  let name = label.trim().toLowerCase().replace(/^["']|["']$/g, '')
    .replace(/^(?:iso[-_ ]?)?8859[-_ ]?(\d+)$/, 'iso-8859-$1')
    .replace(/^(?:cp|win|windows)[-_ ]?(125\d)$/, 'windows-$1')
    .replace(/^utf[-_ ]?8$/, 'utf-8');
  for (const [re, superset] of SUPERSETS) if (re.test(name)) name = name.replace(re, superset);
  return name;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a text part. Known labels go to the charset library (ISO-2022-JP and
 * EUC-JP to the WHATWG decoder); a label no decoder knows is read as UTF-8 when
 * the bytes are UTF-8, else as windows-1252, never as replacement characters.
 */
export function decodeCharset(bytes: Buffer, label: string): string {
  const decoded = decodeAs(bytes, canonicalCharset(label));
  // A label that does not fit the bytes (8-bit UTF-8 sent as ISO-2022-JP…): UTF-8 is the better guess.
  if (decoded !== null && !decoded.includes('\uFFFD')) return decoded;
  try {
    return UTF8.decode(bytes);
  } catch {
    return decoded ?? iconv.decode(bytes, 'windows-1252');
  }
}

function decodeAs(bytes: Buffer, name: string): string | null {
  if (/^(iso-2022-jp|csiso2022jp|jis|euc-jp|x-euc-jp)/.test(name)) {
    try {
      return new TextDecoder(name.startsWith('iso-2022-jp') || name === 'jis' ? 'iso-2022-jp' : 'euc-jp').decode(bytes);
    } catch {
      return null;
    }
  }
  return iconv.encodingExists(name) ? iconv.decode(bytes, name) : null;
}

/**
 * The converter interface the MIME parser accepts in place of node-iconv
 * (`new Iconv(from, to)`, a writable stream of bytes emitting UTF-8): the whole
 * part is decoded at its end, so multi-byte sequences are never split.
 */
export class CharsetDecoder extends EventEmitter {
  private readonly chunks: Buffer[] = [];

  constructor(private readonly from: string, _to?: string) {
    super();
  }

  write(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  end(): void {
    this.emit('data', Buffer.from(decodeCharset(Buffer.concat(this.chunks), this.from), 'utf8'));
    this.emit('end');
  }
}
