import { randomFillSync } from 'node:crypto';

/** The current time as the ISO-8601 string every table stores. */
export const nowIso = (): string => new Date().toISOString();

let lastMs = 0;
let seq = 0;

/** Random bytes drawn 4 KiB at a time: one call into the CSPRNG per 500 ids, not two per id. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function randomByte(): number {
  if (poolAt >= pool.length) { randomFillSync(pool); poolAt = 0; }
  return pool[poolAt++];
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

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
    seq = randomByte() & 0x7f;
  }
  const hex = (byte: number) => HEX[byte];
  const r = () => HEX[randomByte()];
  const time = hex(Math.floor(ms / 2 ** 40) & 0xff) + hex(Math.floor(ms / 2 ** 32) & 0xff) + hex((ms >>> 24) & 0xff) + hex((ms >>> 16) & 0xff)
    + '-' + hex((ms >>> 8) & 0xff) + hex(ms & 0xff);
  return `${time}-${hex(0x70 | (seq >> 8))}${hex(seq & 0xff)}-${hex((randomByte() & 0x3f) | 0x80)}${r()}-${r()}${r()}${r()}${r()}${r()}${r()}`;
}
