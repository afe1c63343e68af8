import { describe, expect, it } from 'vitest';
import { textToHtml } from './editor-value.ts';

describe('textToHtml', () => {
  it('makes paragraphs of blank-line parts and breaks of single newlines, escaping the text', () => {
    expect(textToHtml('Hola <Ana>,\ngracias.\n\nSaludos')).toBe('<p>Hola &#60;Ana&#62;,<br>gracias.</p><p>Saludos</p>');
  });
});
