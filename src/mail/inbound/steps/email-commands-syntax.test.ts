import { describe, expect, it } from 'vitest';
import { parseEmailCommands } from './email-commands-syntax.ts';

describe('parseEmailCommands', () => {
  it("reads the seed's [INCIDENT] block, with its ASSIGNED_T0 spelling, and takes it out of the text", () => {
    const body = 'Lo paso a soporte.\n\n[INCIDENT]\nGROUP: Soporte\nASSIGNED_T0: operador\nPRIORITY: 3\nSTATUS: Assigned\nRESOLUTION: Invalid\n[INCIDENT]\n\nGracias';
    const c = parseEmailCommands(body)!;
    expect(c.incident).toEqual({ group: 'Soporte', assignedTo: 'operador', priority: 3, status: 'Assigned', resolution: 'Invalid' });
    expect(c.errors).toEqual([]);
    expect(c.text).toBe('Lo paso a soporte.\n\nGracias');
  });

  it('reads [WORKUNIT] TIME_USED in hours', () => {
    const c = parseEmailCommands('Hecho.\n[WORKUNIT]\nTIME_USED: 0.05\n[WORKUNIT]')!;
    expect(c.timeUsed).toBe(0.05);
    expect(c.text).toBe('Hecho.');
  });

  it('leaves an invalid block in the text and applies nothing of it', () => {
    const body = '[INCIDENT]\nPRIORITY: urgent\nGROUP: Soporte\n[INCIDENT]';
    const c = parseEmailCommands(body)!;
    expect(c.incident).toBeNull();
    expect(c.errors[0]).toContain('PRIORITY');
    expect(c.text).toBe(body);
    expect(parseEmailCommands('[INCIDENT]\nCOLOUR: red\n[INCIDENT]')!.errors[0]).toContain('unknown field');
    expect(parseEmailCommands('[WORKUNIT]\nTIME: 1\n[WORKUNIT]')!.timeUsed).toBeNull();
  });

  it('finds nothing in ordinary mail', () => {
    expect(parseEmailCommands('Hola, [INCIDENT] sin cerrar')).toBeNull();
  });
});
