import { describe, expect, it } from 'vitest';
import { insertVariable } from './insert-variable.ts';

describe('insertVariable', () => {
  it('puts the variable at the caret', () => {
    expect(insertVariable('Hello !', 'recipient.name', 6, 6)).toEqual({ text: 'Hello {{recipient.name}}!', caret: 24 });
  });
  it('replaces the selection', () => {
    expect(insertVariable('Ticket XXX', 'ticket.number', 7, 10)).toEqual({ text: 'Ticket {{ticket.number}}', caret: 24 });
  });
  it('appends when the field was never focused', () => {
    expect(insertVariable('Hi', 'tenant.name', null, null)).toEqual({ text: 'Hi{{tenant.name}}', caret: 17 });
  });
});
