/**
 * What the composer sends of the editor's content: `body`, the plain text (paragraphs apart by
 * a blank line, mentions as the `@word` the server resolves), and `body_html` only when the
 * person used formatting (bold, lists, links…): a plain reply stays plain text, as a mail
 * reply would.
 */
import type { Editor } from '@tiptap/core';

export interface EditorValue { text: string; html: string; rich: boolean; empty: boolean }

export const EMPTY_VALUE: EditorValue = { text: '', html: '', rich: false, empty: true };

/** Tags that are formatting; paragraphs and line breaks alone are not. */
const FORMATTING = /<(?!\/?(p|br)[\s>/])[a-z]/i;

export function editorValue(editor: Editor): EditorValue {
  const text = editor.getText({ blockSeparator: '\n\n' }).trim();
  const html = editor.getHTML();
  return { text, html, rich: FORMATTING.test(html), empty: text === '' };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plain text as editor HTML: blank lines part paragraphs, single newlines are line breaks. */
export function textToHtml(text: string): string {
  return text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
}
