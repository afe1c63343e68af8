import type { ForwardedAddress } from './forward-headers.ts';

const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/;

/**
 * The sender named in an attribution line ("Le …, « John Doe » <j@d> a écrit :",
 * "… időpontban John Doe (j@d) ezt írta:"): a quoted name before the address,
 * else the run of capitalised words right before it.
 */
export function attributionSender(line: string): ForwardedAddress | null {
  const email = EMAIL.exec(line);
  if (!email) return null;
  const before = line.slice(0, email.index).replace(/[\s<([]+(mailto:)?$/i, '');
  const quoted = /["«“']\s*([^"«»“”']+?)\s*["»”']$/u.exec(before);
  if (quoted) return { address: email[0], name: quoted[1] };
  const words = /((?:\p{Lu}[\p{L}.'-]*\s+){0,3}\p{Lu}[\p{L}.'-]*)$/u.exec(before.trim());
  return { address: email[0], name: words ? words[1] : null };
}
