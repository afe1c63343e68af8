import { describe, expect, it } from 'vitest';
import { bytesToMegabytes, changedSettings, megabytesToBytes, stableJson } from './settings-diff.ts';

describe('changedSettings', () => {
  const saved = {
    allow_customer_registration: false, max_file_size: 10_485_760, categories: ['a', 'b'],
    sla: { low: { first: 1, resolution: 2 } }, map: { default: 'x', departments: { sales: 'y' } },
  };
  it('sends nothing when nothing changed, even with keys in another order', () => {
    const draft = { ...saved, sla: { low: { resolution: 2, first: 1 } }, map: { departments: { sales: 'y' }, default: 'x' } };
    expect(changedSettings(saved, draft, Object.keys(saved) as Array<keyof typeof saved>)).toEqual({});
  });
  it('sends only the changed keys of the section asked', () => {
    const draft = { ...saved, allow_customer_registration: true, categories: ['a'], max_file_size: 1024 };
    expect(changedSettings(saved, draft, ['allow_customer_registration', 'categories'])).toEqual({ allow_customer_registration: true, categories: ['a'] });
  });
  it('sees a nested change and a removed map entry', () => {
    expect(changedSettings(saved, { ...saved, sla: { low: { first: 3, resolution: 2 } } }, ['sla'])).toEqual({ sla: { low: { first: 3, resolution: 2 } } });
    expect(changedSettings(saved, { ...saved, map: { default: 'x', departments: {} } }, ['map'])).toEqual({ map: { default: 'x', departments: {} } });
  });
  it('treats a list in another order as a change (order is shown)', () => {
    expect(changedSettings(saved, { ...saved, categories: ['b', 'a'] }, ['categories'])).toEqual({ categories: ['b', 'a'] });
  });
});

describe('stableJson', () => {
  it('ignores undefined members and sorts keys', () => {
    expect(stableJson({ b: 1, a: undefined, c: [{ y: 1, x: 2 }] })).toBe('{"b":1,"c":[{"x":2,"y":1}]}');
  });
});

describe('megabytes', () => {
  it('round-trips the default 10 MB exactly', () => {
    expect(bytesToMegabytes(10 * 1024 * 1024)).toBe(10);
    expect(megabytesToBytes(10)).toBe(10_485_760);
    expect(megabytesToBytes(bytesToMegabytes(1536 * 1024))).toBe(1_572_864);
  });
});
