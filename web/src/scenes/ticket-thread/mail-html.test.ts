import { describe, expect, it } from 'vitest';
import { BLOCKED_IMAGE, mailCsp, mailDocument, prepareMailHtml } from './mail-html.ts';

const blocked = (html: string) => prepareMailHtml(html, { remoteImages: false });

describe('prepareMailHtml', () => {
  it('holds back remote images, whatever the quoting, until they are asked for', () => {
    const html = '<p>Hi</p><img src="https://track.example/p.gif" width="1"><img alt="logo" src=\'http://cdn.example/l.png\'><img src=//cdn.example/x.png>';
    const out = blocked(html);
    expect(out.blockedImages).toBe(3);
    expect(out.html).not.toMatch(/example/);
    expect(out.html.match(new RegExp(BLOCKED_IMAGE.replace(/[+/]/g, '\\$&'), 'g'))).toHaveLength(3);
    expect(out.html).toContain('width="1"');
    expect(out.html).toContain('alt="logo"');
    const allowed = prepareMailHtml(html, { remoteImages: true });
    expect(allowed.blockedImages).toBe(0);
    expect(allowed.html).toContain('src="https://track.example/p.gif"');
  });

  it('keeps images of our own and data: images, drops srcset', () => {
    const html = '<img src="/tickets/api/attachments/a1/?inline=1"><img src="data:image/png;base64,AAAA" srcset="https://x.example/2x.png 2x">';
    const out = blocked(html);
    expect(out.blockedImages).toBe(0);
    expect(out.html).toBe('<img src="/tickets/api/attachments/a1/?inline=1"><img src="data:image/png;base64,AAAA">');
  });

  it('does not fall for a quoted ">" or an encoded colon', () => {
    const out = blocked('<img alt="a > b" src="https&#58;//evil.example/p.gif">');
    expect(out.blockedImages).toBe(1);
    expect(out.html).not.toContain('evil.example');
  });

  it('holds back remote backgrounds and CSS url()s', () => {
    const out = blocked('<table background="https://bg.example/b.png"><tr><td style="background:url( \'https://bg.example/c.png\' )">x</td></tr></table><style>p{background:url(//bg.example/d.png)}</style>');
    expect(out.blockedImages).toBe(3);
    expect(out.html).not.toContain('bg.example');
    expect(prepareMailHtml('<td style="background:url(https://bg.example/c.png)">', { remoteImages: true }).html).toContain('bg.example');
  });

  it('points cid: images at the attachment with that content id, and leaves out the ones it cannot find', () => {
    const attachments = [{ content_id: '<logo@mail>', url: '/tickets/api/attachments/a1/' }, { content_id: null, url: '/tickets/api/attachments/a2/' }];
    const out = prepareMailHtml('<img src="cid:LOGO@mail"><img src="cid:missing@mail"><p>fin</p>', { remoteImages: false, attachments });
    expect(out.html).toBe('<img src="/tickets/api/attachments/a1/?inline=1"><p>fin</p>');
  });

  it('opens every link in a new tab without a handle on the app', () => {
    const out = blocked('<a href="https://example.com/" target="_self" rel="opener">x</a><a name="top">t</a>');
    expect(out.html).toBe('<a href="https://example.com/" rel="noopener noreferrer" target="_blank">x</a><a name="top" rel="noopener noreferrer" target="_blank">t</a>');
  });
});

describe('mailDocument', () => {
  it('starts with its own CSP: no scripts, remote images only once asked', () => {
    const { doc, blockedImages } = mailDocument('<img src="https://t.example/p.gif">', { remoteImages: false });
    expect(blockedImages).toBe(1);
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<body>'));
    expect(doc).toContain('<base target="_blank">');
    expect(mailCsp(false)).toBe("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src 'none'; form-action 'none'");
    expect(mailCsp(true)).toContain("img-src 'self' data: https: http:");
    expect(mailCsp(true)).not.toMatch(/script-src/);
  });
});
