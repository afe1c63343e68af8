import { convert } from 'html-to-text';

// No wrapping (mail clients wrap), links as "text [url]" unless the text is the url, headings as written.
const heading = (selector: string) => ({ selector, options: { uppercase: false } });
const OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map(heading),
    { selector: 'table', options: { uppercaseHeaderCells: false } },
  ],
};

/**
 * The plain-text part of a template whose admin gave only the HTML one: the HTML as text,
 * variables kept as they are, and `{{message.html}}` read as `{{message.text}}`.
 */
export function deriveTemplateText(html: string): string {
  const text = convert(html.replace(/\{\{\s*message\.html\s*\}\}/g, '{{message.text}}'), OPTIONS);
  return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
