/**
 * Mail HTML made ready for its sandboxed frame (message-item.tsx). The server sanitised it
 * when it was stored (no scripts, styles or event handlers); here we only decide what it
 * may fetch: remote images (tracking pixels) stay out until the person asks for them,
 * `cid:` parts point at the message's attachments, and links open in a new tab without
 * a handle on this page. Pure string work, so it runs the same in the tests as in the app.
 */

export interface MailAttachment { content_id: string | null; url: string }

export interface MailHtmlOptions {
  /** The person asked to load remote images for this message. */
  remoteImages: boolean;
  /** The message's attachments, to resolve `cid:` images the server left unresolved. */
  attachments?: MailAttachment[];
}

/** A transparent pixel standing in for an image that is not loaded. */
export const BLOCKED_IMAGE = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

// A tag with its attributes; quoted values may hold ">".
const tag = (name: string) => new RegExp(`<${name}\\b(?:[^>"']|"[^"]*"|'[^']*')*>`, 'gi');
const attr = (name: string) => new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*'|[^\\s"'>]+)`, 'i');
const unquote = (v: string) => (/^["']/.test(v) ? v.slice(1, -1) : v).trim();
const isRemote = (url: string) => /^(https?:)?\/\//i.test(url.replace(/&#x?0*58;?|&colon;/gi, ':'));
const cssRemoteUrl = /url\(\s*(["']?)\s*(?:https?:)?\/\/[^)]*\)/gi;

/** The HTML with what it may fetch decided, and how many remote images it held back. */
export function prepareMailHtml(html: string, options: MailHtmlOptions): { html: string; blockedImages: number } {
  let blockedImages = 0;
  const byCid = new Map((options.attachments ?? []).filter((a) => a.content_id)
    .map((a) => [a.content_id!.replace(/^<|>$/g, '').toLowerCase(), a.url]));
  let out = html.replace(tag('img'), (img) => {
    const src = img.match(attr('src'));
    let result = img.replace(attr('srcset'), '');
    if (src) {
      const url = unquote(src[2]);
      if (/^cid:/i.test(url)) {
        const found = byCid.get(url.slice(4).replace(/^<|>$/g, '').toLowerCase());
        if (!found) return '';
        result = result.replace(attr('src'), `$1"${found}${found.includes('?') ? '&' : '?'}inline=1"`);
      } else if (isRemote(url) && !options.remoteImages) {
        blockedImages += 1;
        result = result.replace(attr('src'), `$1"${BLOCKED_IMAGE}"`);
      }
    }
    return result;
  });
  if (!options.remoteImages) {
    out = out.replace(/(<[a-z][^>]*\sbackground\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)/gi, (whole, start: string, value: string) => {
      if (!isRemote(unquote(value))) return whole;
      blockedImages += 1;
      return `${start}""`;
    });
    out = out.replace(cssRemoteUrl, () => { blockedImages += 1; return 'url("")'; });
  }
  out = out.replace(tag('a'), (a) => a.replace(attr('rel'), '').replace(attr('target'), '').replace(/\s*\/?>$/, ' rel="noopener noreferrer" target="_blank">'));
  return { html: out, blockedImages };
}

/** The frame's Content-Security-Policy: nothing runs, images only from here (and remote ones once asked). */
export function mailCsp(remoteImages: boolean): string {
  const img = ["'self'", 'data:', ...(remoteImages ? ['https:', 'http:'] : [])].join(' ');
  return `default-src 'none'; img-src ${img}; style-src 'unsafe-inline'; font-src 'none'; form-action 'none'`;
}

/** The whole document for `<iframe srcdoc>`: its own CSP first, then links into new tabs, then the mail. */
export function mailDocument(html: string, options: MailHtmlOptions): { doc: string; blockedImages: number } {
  const prepared = prepareMailHtml(html, options);
  const doc = '<!doctype html><html><head><meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${mailCsp(options.remoteImages)}">`
    + '<meta name="referrer" content="no-referrer"><base target="_blank"></head>'
    + `<body>${prepared.html}</body></html>`;
  return { doc, blockedImages: prepared.blockedImages };
}
