/**
 * Search terms marked in a text: the words of the search, matched as the server's search
 * does (case and accents aside, at the start of a word, so "factur" marks "Facturación").
 * Answers plain parts for React to render as text and <mark>: no HTML is ever built.
 */

export interface Part { text: string; match: boolean }

/** "TK-000042": a number search, which the server looks up by number, marks nothing in subjects. */
const NUMBER_LIKE = /^[A-Za-z]{1,10}(-[0-9]{1,10})+$/;

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The words of a search worth marking (two letters or more). */
export function searchWords(search: string | undefined): string[] {
  const q = search?.trim() ?? '';
  if (!q || NUMBER_LIKE.test(q)) return [];
  return [...new Set(fold(q).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2))];
}

/** The text cut into parts, those that start with a search word marked. */
export function highlightParts(text: string, words: readonly string[]): Part[] {
  if (words.length === 0 || !text) return [{ text, match: false }];
  // The folded text, and where each of its characters came from in the original.
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = fold(text[i]);
    for (let j = 0; j < f.length; j++) { folded += f[j]; origin.push(i); }
  }
  origin.push(text.length);
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    let at = folded.indexOf(word);
    while (at !== -1) {
      const startsWord = at === 0 || !/[\p{L}\p{N}]/u.test(folded[at - 1]);
      if (startsWord) for (let i = origin[at]; i < origin[at + word.length]; i++) marked[i] = true;
      at = folded.indexOf(word, at + 1);
    }
  }
  const parts: Part[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1];
    if (last && last.match === marked[i]) last.text += text[i];
    else parts.push({ text: text[i], match: marked[i] });
  }
  return parts;
}
