import { describe, expect, it } from 'vitest';
import { labelEvery, niceMax, ticks } from './scale.ts';

describe('chart scales', () => {
  it('rounds the top of an axis up to a readable number', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(13)).toBe(20);
    expect(niceMax(21)).toBe(25);
    expect(niceMax(480)).toBe(500);
    expect(niceMax(1000)).toBe(1000);
  });
  it('puts whole-number ticks on an axis', () => {
    expect(ticks(20)).toEqual([0, 4, 8, 12, 16, 20]);
    expect(ticks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticks(1)).toEqual([0, 1]);
    expect(ticks(2)).toEqual([0, 1, 2]);
    expect(ticks(250)).toEqual([0, 50, 100, 150, 200, 250]);
  });
  it('thins the labels of a long axis and keeps the last', () => {
    const shown = Array.from({ length: 30 }, (_, i) => i).filter(labelEvery(30, 6));
    expect(shown.length).toBeLessThanOrEqual(7);
    expect(shown).toContain(29);
    expect(shown).toContain(0);
    expect(Array.from({ length: 3 }, (_, i) => i).filter(labelEvery(3, 6))).toEqual([0, 1, 2]);
  });
});
