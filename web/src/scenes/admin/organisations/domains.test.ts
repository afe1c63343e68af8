import { describe, expect, it } from 'vitest';
import { normaliseDomain } from './domains.ts';

describe('normaliseDomain', () => {
  it('keeps domains, lower-cased and trimmed', () => {
    expect(normaliseDomain(' Acme.Example ')).toBe('acme.example');
    expect(normaliseDomain('mail.acme-corp.co.uk')).toBe('mail.acme-corp.co.uk');
  });
  it('takes the domain of an address', () => {
    expect(normaliseDomain('ana@Acme.example')).toBe('acme.example');
  });
  it('refuses what is not a domain', () => {
    for (const bad of ['acme', 'acme.', 'acme .example', 'acme.c0m', 'http://acme.example', '']) expect(normaliseDomain(bad), bad).toBeNull();
  });
});
