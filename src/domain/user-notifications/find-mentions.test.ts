import { describe, expect, it } from 'vitest';
import { mentionWords, resolveMentions } from './find-mentions.ts';

const staff = [
  { id: 'u1', name: 'Alex Agent', email: 'agent@example.com' },
  { id: 'u2', name: 'Sam Sales', email: 'sales@example.com' },
  { id: 'u3', name: 'José María Núñez', email: 'jm.nunez@example.com' },
  { id: 'u4', name: 'Alex Other', email: 'aother@example.com' },
];

describe('@mentions', () => {
  it('finds @words at the start or after a space or punctuation, never inside an address', () => {
    expect(mentionWords('@ana hi (@bob), cc:@carl. mail ana@example.com or x+@y')).toEqual(['ana', 'bob', 'carl']);
    expect(mentionWords('thanks @jose.maria.')).toEqual(['jose.maria']);
    expect(mentionWords('no mention here, just 5 @ 3')).toEqual([]);
  });

  it('names one person by email local part, full name or first name; without case, accents or separators', () => {
    expect(resolveMentions('@agent please', staff)).toEqual(['u1']);
    expect(resolveMentions('@SamSales and @sam_sales and @sam', staff)).toEqual(['u2']);
    expect(resolveMentions('@jose.maria.nunez', staff)).toEqual(['u3']);
    expect(resolveMentions('@jm.nunez @José', staff)).toEqual(['u3']);
  });

  it('an ambiguous or unknown word mentions nobody', () => {
    expect(resolveMentions('@alex', staff)).toEqual([]);
    expect(resolveMentions('@alexagent @nobody', staff)).toEqual(['u1']);
    expect(resolveMentions('@carla', staff)).toEqual([]);
  });
});
