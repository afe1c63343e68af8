/** `{{name}}` put at the caret of a field (replacing a selection); answers the new text and where the caret goes. */
export function insertVariable(text: string, name: string, start: number | null, end: number | null): { text: string; caret: number } {
  const token = `{{${name}}}`;
  const from = start ?? text.length;
  const to = Math.max(from, end ?? from);
  return { text: text.slice(0, from) + token + text.slice(to), caret: from + token.length };
}
