/**
 * Lone UTF-16 surrogates ("\ud800" in JSON) are not text: PostgreSQL refuses them, SQLite
 * stores them mangled, and two of them compare equal in one engine and unequal in the
 * other. NUL ("\u0000") is refused by PostgreSQL's text type and cuts C strings short.
 * Input is checked once at the edge with these helpers.
 */
const NOT_STORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What a field that fails isWellFormedText is told. */
export const ILL_FORMED_MESSAGE = 'is not valid text (it holds a NUL character or a lone surrogate)';

/** True when the string is well-formed Unicode without NUL characters, so both engines store it as sent. */
export const isWellFormedText = (s: string): boolean => !NOT_STORABLE.test(s);

/**
 * The dotted path of the first key or string in a parsed JSON value that is not
 * well-formed, or null. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findIllFormedText(root: unknown): string | null {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (!isWellFormedText(value)) return path || 'body';
    } else if (value && typeof value === 'object') {
      const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i];
        const at = path ? `${path}.${key}` : key;
        if (!isWellFormedText(key)) return at;
        stack.push([v, at]);
      }
    }
  }
  return null;
}

/** The text with NULs removed and lone surrogates replaced by U+FFFD: for input we must keep (mail), not refuse. */
export const toStorableText = (s: string): string =>
  s.replace(/\u0000/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
