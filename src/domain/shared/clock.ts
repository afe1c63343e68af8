import { randomBytes } from 'node:crypto';

/** The current time as the ISO-8601 string every table stores. */
export const nowIso = (): string => new Date().toISOString();

let lastMs = 0;
let seq = 0;

/**
 * A UUIDv7 (RFC 9562): time-ordered, so rows created in one millisecond still sort in
 * creation order by id, and B-tree inserts stay local. 12 bits of the random part
 * count up within a millisecond in this process.
 */
export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    seq++;
    if (seq > 0xfff) { lastMs++; seq = 0; }
    ms = lastMs;
  } else {
    lastMs = ms;
    seq = randomBytes(1)[0] & 0x7f;
  }
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
