import { describe, expect, it } from 'vitest';
import { slugify } from './text.ts';

describe('slugify', () => {
  it('makes the seed department slugs', () => {
    expect(slugify('Soporte Técnico')).toBe('soporte-tecnico');
    expect(slugify('Facturación')).toBe('facturacion');
    expect(slugify('  Ventas / Sales  ')).toBe('ventas-sales');
    expect(slugify('¿?')).toBe('item');
  });
});
