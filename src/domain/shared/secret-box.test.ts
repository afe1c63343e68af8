import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.ts';

describe('SecretBox', () => {
  it('seals and opens, differently each time, and refuses tampering or another key', () => {
    const box = new SecretBox('k'.repeat(40));
    const a = box.seal('hunter2-refresh-token');
    expect(a).not.toContain('hunter2');
    expect(box.seal('hunter2-refresh-token')).not.toBe(a);
    expect(box.open(a)).toBe('hunter2-refresh-token');
    const parts = a.split(':');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow();
    expect(() => new SecretBox('j'.repeat(40)).open(a)).toThrow();
  });
});
