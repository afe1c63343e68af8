/**
 * A template preview ready for the mail frame. Templates may carry simple inline styles
 * (the built-in footer does), but the frame inherits the page's CSP (style-src 'self'), which
 * refuses them and reports each refusal; so the preview leaves them out and says so. Pure
 * string work over tags, like ticket-thread/mail-html.ts.
 */
const TAG = /<[a-z][\w-]*\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const STYLE_ATTR = /\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)/gi;

/** The HTML without style attributes, and whether there were any. */
export function withoutInlineStyles(html: string): { html: string; hadStyles: boolean } {
  let hadStyles = false;
  const out = html.replace(TAG, (tag) => tag.replace(STYLE_ATTR, () => { hadStyles = true; return ''; }));
  return { html: out, hadStyles };
}
