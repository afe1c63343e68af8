import { describe, expect, it } from 'vitest';
import { headerRecipients } from './direct-header-recipients.ts';

const msg = (head: string[], body = 'Write to other@body.example') => Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}\r\n`);

describe('headerRecipients', () => {
  it('reads Delivered-To, X-Original-To, To and Cc, lower-cased, once each', () => {
    expect(headerRecipients(msg([
      'Delivered-To: Soporte@Example.com',
      'X-Original-To: ventas@example.com',
      'From: Carla <carla@acme.example>',
      'To: "Soporte, Equipo" <soporte@example.com>, =?utf-8?q?Jos=C3=A9?= <jose@example.com>',
      'Cc: copia@example.com',
      'Subject: hola to:fake@subject.example',
    ]))).toEqual(['soporte@example.com', 'ventas@example.com', 'jose@example.com', 'copia@example.com']);
  });

  it('follows folded lines and repeated fields, and never reads the body', () => {
    expect(headerRecipients(msg(['To: uno@example.com,', '\tdos@example.com', 'To: tres@example.com']))).toEqual(['uno@example.com', 'dos@example.com', 'tres@example.com']);
    expect(headerRecipients(msg(['From: a@b.example'], 'To: body@example.com'))).toEqual([]);
  });
});
