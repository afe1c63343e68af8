import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { mailInspectCommand } from './mail-inspect.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/mail');

function io(stdinText = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdin.end(stdinText);
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { streams: { stdout, stderr, stdin }, out: () => out, err: () => err };
}

describe('parley mail inspect', () => {
  it('prints one JSON line per file, in argument order', async () => {
    const t = io();
    const files = [join(FIXTURES, 'vacation.eml'), join(FIXTURES, 'gmail-forward.eml')];
    expect(await mailInspectCommand.run(files, t.streams)).toBe(0);
    const lines = t.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(files);
    expect(lines[0].autoReply).toBe(true);
    expect(lines[1].forwarded.from.address).toBe('jane.roe@shop.example');
  });

  it('reads - from standard input', async () => {
    const t = io('From: a@x.example\r\nSubject: Hi\r\n\r\nHello\r\n');
    expect(await mailInspectCommand.run(['-'], t.streams)).toBe(0);
    expect(JSON.parse(t.out())).toMatchObject({ file: '-', subject: 'Hi', visibleText: 'Hello' });
  });

  it('still prints a line with error for an unreadable file, and exits 1', async () => {
    const t = io();
    const missing = join(FIXTURES, 'does-not-exist.eml');
    expect(await mailInspectCommand.run([missing, join(FIXTURES, 'vacation.eml')], t.streams)).toBe(1);
    const lines = t.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ file: missing });
    expect(typeof lines[0].error).toBe('string');
    expect(lines[1].error).toBeUndefined();
  });

  it('exits 64 without files', async () => {
    const t = io();
    expect(await mailInspectCommand.run([], t.streams)).toBe(64);
    expect(t.err()).toContain('Usage');
  });
});
