import { convert } from 'html-to-text';

// Blockquotes become "> " lines so the plain-text rules see them as quotes;
// Gmail/Yahoo/Outlook history containers are quoted the same way.
const QUOTE = { format: 'blockquote', options: { trimEmptyLines: true } };
const OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'blockquote', ...QUOTE },
    { selector: 'div.gmail_quote', ...QUOTE },
    { selector: 'div.yahoo_quoted', ...QUOTE },
    { selector: 'div#divRplyFwdMsg', ...QUOTE },
  ],
};

/** HTML body → text in which quoted history is marked with ">". */
export function htmlToQuotedText(html: string): string {
  return convert(html, OPTIONS);
}
