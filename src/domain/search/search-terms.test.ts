import { describe, expect, it } from 'vitest';
import { searchableText, searchTerms } from './search-terms.ts';

describe('searchTerms', () => {
  it('folds accents and case, keeps letters and digits only', () => {
    expect(searchTerms('Facturación 2026!')).toEqual(['facturacion', '2026']);
    expect(searchTerms('"; DROP TABLE tickets; --')).toEqual(['drop', 'table', 'tickets']);
    expect(searchTerms('ÇÃO não')).toEqual(['cao', 'nao']);
    expect(searchTerms('*** ()')).toEqual([]);
  });
  it('deduplicates and keeps at most ten terms', () => {
    expect(searchTerms('a a a b')).toEqual(['a', 'b']);
    expect(searchTerms('1 2 3 4 5 6 7 8 9 10 11 12')).toHaveLength(10);
  });
  it('indexes text the same way on PostgreSQL', () => {
    expect(searchableText('Caducó el Certificado')).toBe('caduco el certificado');
  });
});
