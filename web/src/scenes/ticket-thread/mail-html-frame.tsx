/**
 * Mail HTML in a sandboxed frame (docs/web-app.md, "Mail HTML"). The sandbox has no
 * allow-scripts, so nothing in the mail ever runs; it has allow-same-origin so that this
 * page can measure the mail's height (no script inside could tell it) and the session
 * cookie reaches the inline images; without scripts in the frame that gives the mail
 * nothing. Remote images stay out until the person asks for them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mailDocument, type MailAttachment } from './mail-html.ts';
import './mail-html.css';

/** Taller mails scroll inside their frame. */
const MAX_HEIGHT = 3000;
const SANDBOX = 'allow-same-origin allow-popups allow-popups-to-escape-sandbox';

export function MailHtmlFrame({ html, attachments }: { html: string; attachments: MailAttachment[] }) {
  const { t } = useTranslation();
  const [remoteImages, setRemoteImages] = useState(false);
  const { doc, blockedImages } = useMemo(() => mailDocument(html, { remoteImages, attachments }), [html, attachments, remoteImages]);
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number>();

  // The height goes in the frame's height attribute: no inline style under the app's CSP.
  const measure = useCallback(() => {
    const root = frame.current?.contentDocument?.documentElement;
    if (root) setHeight(Math.min(MAX_HEIGHT, Math.ceil(root.getBoundingClientRect().height) + 2));
  }, []);
  useEffect(() => {
    const node = frame.current;
    if (!node) return;
    let observer: ResizeObserver | undefined;
    const loaded = () => {
      measure();
      observer?.disconnect();
      const root = node.contentDocument?.documentElement;
      if (root) { observer = new ResizeObserver(measure); observer.observe(root); } // images arriving later
    };
    node.addEventListener('load', loaded);
    if (node.contentDocument?.readyState === 'complete') loaded();
    return () => { node.removeEventListener('load', loaded); observer?.disconnect(); };
  }, [measure, doc]);

  return (
    <div className="mail-html">
      {blockedImages > 0 && !remoteImages && (
        <p className="mail-remote-images">
          <span>{t('Remote images are hidden to protect your privacy.')}</span>
          <button type="button" className="button" onClick={() => setRemoteImages(true)}>{t('Load remote images')}</button>
        </p>
      )}
      <iframe ref={frame} className="mail-frame" title={t('Message as sent by mail')} sandbox={SANDBOX}
        srcDoc={doc} height={height} referrerPolicy="no-referrer" />
    </div>
  );
}
