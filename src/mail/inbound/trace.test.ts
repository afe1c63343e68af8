import { describe, expect, it } from 'vitest';
import { formatTrace, MAX_DETAIL, MAX_ENTRIES, newTrace, note, parseTrace, serializeTrace } from './trace.ts';

describe('the decision trace', () => {
  it('stays bounded: details are cut, entries capped, and what persist did and the outcome are still kept', () => {
    const trace = newTrace();
    for (let i = 0; i < 500; i++) note(trace, 'attachments', 'saved', `"file-${i}.png" ${'x'.repeat(1000)}`);
    note(trace, 'persist', 'ticket-created', 'ticket TK-000001 created in Support for a@b.example');
    note(trace, 'outcome', 'processed', 'ticket TK-000001 created (message m1)');
    expect(trace.entries).toHaveLength(MAX_ENTRIES);
    expect(trace.omitted).toBe(500 - (MAX_ENTRIES - 2));
    expect(trace.entries.every((e) => e.detail.length <= MAX_DETAIL)).toBe(true);
    expect(trace.entries.slice(-2).map((e) => e.step)).toEqual(['persist', 'outcome']);
    expect(serializeTrace(trace).length).toBeLessThan(24_000);
  });

  it('reads back what it stored, and nothing from a value that is no trace', () => {
    const trace = newTrace(true);
    note(trace, 'route', 'queue-address', 'matched queue address help@x.example (To) → department Help');
    expect(parseTrace(serializeTrace(trace))).toEqual(trace);
    expect(parseTrace(null)).toBeNull();
    expect(parseTrace('not json')).toBeNull();
    expect(parseTrace('{"a":1}')).toBeNull();
  });

  it('prints one aligned line per decision for a terminal', () => {
    const trace = newTrace();
    note(trace, 'thread', 'in-reply-to', 'In-Reply-To <a@b> → message m of TK-000042');
    note(trace, 'outcome', 'processed', 'reply appended to TK-000042 (message m)');
    expect(formatTrace(trace)).toEqual([
      'thread   in-reply-to: In-Reply-To <a@b> → message m of TK-000042',
      'outcome  processed: reply appended to TK-000042 (message m)',
    ]);
  });
});
