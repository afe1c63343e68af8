import { describe, expect, it } from 'vitest';
import { highlightParts, searchWords } from './highlight.ts';

const show = (text: string, search: string) => highlightParts(text, searchWords(search)).map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('search highlighting', () => {
  it('marks each word of the search at the start of words, ignoring case and accents', () => {
    expect(show('Duda de facturación', 'FACTURACION')).toBe('Duda de [facturación]');
    expect(show('Facturación y facturas', 'factur')).toBe('[Factur]ación y [factur]as');
    expect(show('The printer is on fire', 'fire printer')).toBe('The [printer] is on [fire]');
    expect(show('Ñandú no canta', 'nandu')).toBe('[Ñandú] no canta');
  });

  it('does not mark inside words, nor one-letter words, nor a ticket number search', () => {
    expect(show('Bonfire tonight', 'fire')).toBe('Bonfire tonight');
    expect(show('a b c', 'a')).toBe('a b c');
    expect(show('TK-000042 broken', 'TK-000042')).toBe('TK-000042 broken');
    expect(searchWords('')).toEqual([]);
    expect(searchWords('  dns  DNS, zona ')).toEqual(['dns', 'zona']);
  });

  it('keeps text that looks like markup as text', () => {
    expect(highlightParts('<b>fire</b>', ['fire'])).toEqual([{ text: '<b>', match: false }, { text: 'fire', match: true }, { text: '</b>', match: false }]);
  });
});
