import { describe, expect, it } from 'vitest';
import { formatTicketNumber } from './ticket-number.ts';

describe('formatTicketNumber', () => {
  const at = new Date('2026-02-08T10:30:00Z');
  it('renders the seed formats', () => {
    expect(formatTicketNumber('TK-{NNNNNN}', 42, at)).toBe('TK-000042');
    expect(formatTicketNumber('HD-{YYYY}-{NNNN}', 1001, at)).toBe('HD-2026-1001');
    expect(formatTicketNumber('{YYYY}{MM}-{NN}', 7, at)).toBe('202602-07');
  });
  it('grows past the placeholder instead of wrapping', () => {
    expect(formatTicketNumber('TK-{NNN}', 12345, at)).toBe('TK-12345');
  });
});
