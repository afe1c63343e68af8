/**
 * Verifies a DKIM-Signature (RFC 6376, rsa-sha256, relaxed/relaxed as nodemailer signs)
 * with node:crypto, against a given public key (the `p=` of the TXT record), so tests
 * check the signature itself and not only that a header is there.
 */
import { createHash, createPublicKey, createVerify } from 'node:crypto';

export interface DkimCheck { domain: string; selector: string; headers: string[]; bodyHashOk: boolean; signatureOk: boolean }

const relaxedHeader = (line: string): string => {
  const i = line.indexOf(':');
  const name = line.slice(0, i).trim().toLowerCase();
  const value = line.slice(i + 1).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim();
  return `${name}:${value}`;
};

function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines.at(-1) === '') lines.pop();
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

/** Checks the first DKIM-Signature of `raw` (CRLF line ends) with `publicKeyBase64` (SPKI DER). */
export function verifyDkim(raw: string, publicKeyBase64: string): DkimCheck {
  const crlf = raw.includes('\r\n') ? raw : raw.replace(/\n/g, '\r\n');
  const split = crlf.indexOf('\r\n\r\n');
  const head = crlf.slice(0, split);
  const body = crlf.slice(split + 4);
  const fields = head.split(/\r\n(?![ \t])/);
  const sigField = fields.find((f) => /^dkim-signature:/i.test(f));
  if (!sigField) throw new Error('no DKIM-Signature header');
  const tags = Object.fromEntries(sigField.slice(sigField.indexOf(':') + 1).split(';').map((t) => t.trim()).filter(Boolean)
    .map((t) => [t.slice(0, t.indexOf('=')).trim(), t.slice(t.indexOf('=') + 1).replace(/\s+/g, '')]));
  if (tags.a !== 'rsa-sha256' || tags.c !== 'relaxed/relaxed') throw new Error(`unexpected a=${tags.a} c=${tags.c}`);
  const bodyHash = createHash('sha256').update(relaxedBody(body)).digest('base64');
  const names = tags.h!.split(':').map((n) => n.trim().toLowerCase());
  const pool = fields.filter((f) => f !== sigField);
  const signed: string[] = [];
  for (const name of names) {
    // The last unused instance of each named field, bottom up (RFC 6376 5.4.2).
    const idx = pool.map((f) => f.slice(0, f.indexOf(':')).trim().toLowerCase()).lastIndexOf(name);
    if (idx < 0) continue;
    signed.push(relaxedHeader(pool[idx]!));
    pool.splice(idx, 1);
  }
  // The signature's own field, its b= value emptied, last and without a trailing CRLF.
  const unsignedSig = relaxedHeader(sigField).replace(/(^dkim-signature:|;\s*)b=[^;]*/, '$1b=');
  const data = [...signed, unsignedSig].join('\r\n');
  const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
  const signatureOk = createVerify('RSA-SHA256').update(data).verify(key, Buffer.from(tags.b!, 'base64'));
  return { domain: tags.d!, selector: tags.s!, headers: names, bodyHashOk: bodyHash === tags.bh, signatureOk };
}
