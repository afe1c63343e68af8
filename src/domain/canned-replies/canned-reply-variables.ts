/**
 * THE variables a canned reply may hold (`{{ticket.number}}`), with what each becomes. The
 * server refuses any other when a reply is saved; the composer fills them from the ticket it
 * is on and the person writing, when the reply is inserted (docs/canned-replies.md). Pure: the
 * web app imports it too.
 */
export const CANNED_REPLY_VARIABLES = [
  { name: 'ticket.number', description: 'the ticket number, e.g. TK-000042' },
  { name: 'ticket.subject', description: 'the ticket subject' },
  { name: 'requester.name', description: 'the name of the person who opened the ticket' },
  { name: 'requester.first_name', description: 'the first word of that name' },
  { name: 'requester.email', description: 'the address of the person who opened the ticket' },
  { name: 'agent.name', description: 'the name of the agent writing' },
  { name: 'agent.first_name', description: 'the first word of that name' },
  { name: 'department.name', description: 'the department the ticket is in' },
] as const;

export type CannedReplyVariable = (typeof CANNED_REPLY_VARIABLES)[number]['name'];
export type CannedReplyValues = Partial<Record<CannedReplyVariable, string>>;

const VARIABLE = /\{\{\s*([a-z_.]+)\s*\}\}/gi;
const KNOWN = new Set<string>(CANNED_REPLY_VARIABLES.map((v) => v.name));

/** The `{{names}}` of a text that are not variables, once each. */
export function unknownVariables(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]).filter((n) => !KNOWN.has(n)))];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A text with each variable replaced by its value (HTML-escaped when `html`); a variable with no value becomes empty. */
export function fillVariables(text: string, values: CannedReplyValues, html = false): string {
  return text.replace(VARIABLE, (whole, name: string) => {
    if (!KNOWN.has(name)) return whole;
    const value = values[name as CannedReplyVariable] ?? '';
    return html ? escapeHtml(value) : value;
  });
}
