import { describe, expect, it } from 'vitest';
import { visibleTextOf } from './visible-text.ts';

describe('visibleTextOf', () => {
  it('cuts a German attribution and the quote below it', () => {
    const text = 'Passt, danke!\n\nAm 05.03.2024 um 10:12 schrieb Support <support@parley.example>:\n> Geht es jetzt?\n';
    expect(visibleTextOf(text)).toBe('Passt, danke!');
  });

  it('cuts a French attribution wrapped over two lines', () => {
    const text = "C'est réglé.\n\nLe mar. 5 mars 2024 à 10:12, Support <support@parley.example> a\nécrit :\n> Toujours en panne ?\n";
    expect(visibleTextOf(text)).toBe("C'est réglé.");
  });

  it('cuts an -----Original Message----- block', () => {
    const text = 'Done.\n\n-----Original Message-----\nFrom: a@b.example\nSent: Monday\nTo: c@d.example\nSubject: x\n\nold text';
    expect(visibleTextOf(text)).toBe('Done.');
  });

  it('keeps an inline quote that is followed by more new text', () => {
    const text = 'Answers below.\nOn Mon, Mar 4, 2024 at 9:00 AM Ann <ann@x.example> wrote:\n> First question?\n\nYes.\n\n> Second?\n';
    expect(visibleTextOf(text)).toBe('Answers below.\n> First question?\n\nYes.');
  });

  it('keeps a message that is only a quote', () => {
    expect(visibleTextOf('> only a quote\n')).toBe('> only a quote');
  });

  it('drops signatures after "-- " and mobile footers', () => {
    expect(visibleTextOf('Hello\n\n-- \nAnn\nACME')).toBe('Hello');
    expect(visibleTextOf('Hola\n\nEnviado desde mi iPhone')).toBe('Hola');
    expect(visibleTextOf('Hi\n\nGet Outlook for Android')).toBe('Hi');
  });

  it('does not take an ordinary sentence for a signature', () => {
    const text = 'Here it is\n\nSent from my desk, which is much easier than from my mobile phone.';
    expect(visibleTextOf(text)).toBe(text);
  });

  it('keeps the forwarded text of a bare forward, without its header block', () => {
    const text = '---------- Forwarded message ---------\nFrom: Jane <jane@x.example>\nDate: Mon\nSubject: Hi\nTo: <a@b.example>\n\nThe body.\n';
    expect(visibleTextOf(text)).toBe('The body.');
  });
});
