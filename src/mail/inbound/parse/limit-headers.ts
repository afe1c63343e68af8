/**
 * Oversized header lines, cut down before parsing. The MIME parser gives up on a header
 * block of 1 MB or more and hands back no header at all, so a message with one giant
 * line (a References list gone wild, an attack) lost its From, To and Subject and was
 * misdescribed as having "no usable From address". Here each field is cut to
 * MAX_FIELD_BYTES (id lists keep their first and newest ids), and if the block is still
 * too big the largest fields that no step needs are left out; what was cut is reported.
 */
export const MAX_FIELD_BYTES = 64 * 1024;
export const MAX_HEADER_BYTES = 512 * 1024;

/** Fields the pipeline reads: never left out, only shortened. */
const KEEP = new Set(['from', 'sender', 'to', 'cc', 'reply-to', 'subject', 'date', 'message-id', 'in-reply-to', 'references',
  'mime-version', 'content-type', 'content-transfer-encoding', 'content-disposition', 'auto-submitted', 'return-path',
  'delivered-to', 'x-original-to', 'x-loop', 'precedence']);

export interface LimitedHeaders {
  raw: Buffer;
  /** One line per field that was shortened or left out, e.g. `x-big: 1048583 bytes cut to 65536`. */
  cut: string[];
}

/** Where the top-level header block ends (the index of its blank line), or the message's length. */
export function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) + 1 : raw.length;
}

/** Returns the message with every header field within the limits (the same buffer when nothing was too long). */
export function limitHeaders(raw: Buffer): LimitedHeaders {
  const end = headerEnd(raw);
  if (end <= MAX_FIELD_BYTES) return { raw, cut: [] };
  const fields = splitFields(raw.subarray(0, end).toString('latin1'));
  const cut: string[] = [];
  let changed = false;
  for (const f of fields) {
    if (f.text.length <= MAX_FIELD_BYTES) continue;
    const before = f.text.length;
    f.text = shorten(f.name, f.text);
    cut.push(`${f.name || '(unnamed)'}: ${before} bytes cut to ${f.text.length}`);
    changed = true;
  }
  let total = fields.reduce((n, f) => n + f.text.length, 0);
  for (const f of [...fields].sort((a, b) => b.text.length - a.text.length)) {
    if (total <= MAX_HEADER_BYTES) break;
    if (KEEP.has(f.name)) continue;
    cut.push(`${f.name || '(unnamed)'}: left out (${f.text.length} bytes)`);
    total -= f.text.length;
    f.text = '';
    changed = true;
  }
  if (!changed) return { raw, cut };
  const head = fields.map((f) => f.text).join('');
  return { raw: Buffer.concat([Buffer.from(head, 'latin1'), raw.subarray(end)]), cut };
}

interface Field { name: string; text: string }

/** Header fields with their continuation lines and line ends, as latin1 text (bytes kept as they are). */
function splitFields(block: string): Field[] {
  const fields: Field[] = [];
  for (const line of block.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    const last = fields.at(-1);
    if (last && /^[ \t]/.test(line)) last.text += line;
    else fields.push({ name: (/^([^:\s]+)[ \t]*:/.exec(line)?.[1] ?? '').toLowerCase(), text: line });
  }
  return fields;
}

/** One field cut to the limit, as folded lines: id lists keep the first and the newest ids (RFC 5322 §3.6.4). */
function shorten(name: string, text: string): string {
  const budget = MAX_FIELD_BYTES - name.length - 8;
  const value = text.slice(text.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  let words: string[];
  if (name === 'references' || name === 'in-reply-to') {
    const ids = value.match(/<[^<>\s]+>/g) ?? [];
    const tail: string[] = [];
    let used = (ids[0]?.length ?? 0) + 1;
    for (let i = ids.length - 1; i > 0 && used + ids[i].length + 1 <= budget; i--) { tail.unshift(ids[i]); used += ids[i].length + 1; }
    words = [...ids.slice(0, 1), ...tail];
  } else {
    words = [];
    let used = 0;
    for (const w of value.slice(0, budget + 1).split(/\s+/)) {
      if (!w || used + w.length + 1 > budget) break;
      words.push(w.length > 900 ? w.slice(0, 900) : w);
      used += Math.min(w.length, 900) + 1;
    }
    // An encoded word cut in half would not decode: leave it out.
    if (words.length && /=\?[^?]*\?[bq]\?[^?]*$/i.test(words.at(-1)!)) words.pop();
  }
  const lines: string[] = [];
  let line = `${name}:`;
  for (const w of words) {
    if (line.length + w.length + 1 > 900) { lines.push(line); line = ''; }
    line += ` ${w}`;
  }
  lines.push(line);
  return `${lines.join('\r\n')}\r\n`;
}
