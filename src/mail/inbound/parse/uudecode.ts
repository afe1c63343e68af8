/**
 * Decodes a uuencoded body (Content-Transfer-Encoding: x-uuencode), with or
 * without its "begin 644 name" / "end" lines; the MIME parser leaves such parts
 * as they came.
 */
export function uudecode(encoded: Buffer): Buffer {
  const out: number[] = [];
  for (const raw of encoded.toString('latin1').split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (line === '' || /^begin\s+\d{3,4}\s/.test(line) || line === 'end') continue;
    const length = (line.charCodeAt(0) - 32) & 63;
    if (length === 0) continue;
    const bytes: number[] = [];
    for (let i = 1; bytes.length < length && i < line.length; i += 4) {
      const c = [0, 1, 2, 3].map((k) => ((line.charCodeAt(i + k) || 32) - 32) & 63);
      bytes.push((c[0] << 2) | (c[1] >> 4), ((c[1] & 15) << 4) | (c[2] >> 2), ((c[2] & 3) << 6) | c[3]);
    }
    out.push(...bytes.slice(0, length));
  }
  return Buffer.from(out);
}
