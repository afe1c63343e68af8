/**
 * The recipients a message names in its header (Delivered-To, X-Original-To, To, Cc),
 * for `parley mailgate` run without --recipient: an MTA pipe that does not pass the
 * envelope still lets us find whose queue the mail was for.
 */
const FIELDS = ['delivered-to', 'x-original-to', 'to', 'cc'];
const ADDRESS = /[^\s<>,;:"()]+@[^\s<>,;:"()]+/g;

export function headerRecipients(raw: Buffer): string[] {
  const head = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const lines = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  const found: string[] = [];
  for (const name of FIELDS) {
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) {
        found.push(...(line.slice(colon + 1).match(ADDRESS) ?? []).map((a) => a.toLowerCase().replace(/\.$/, '')));
      }
    }
  }
  return [...new Set(found)];
}
