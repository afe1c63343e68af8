/** The editor's formatting buttons: a labelled toolbar, each button named and saying whether its format is on. */
import type { Editor } from '@tiptap/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface Pressed { bold: boolean; italic: boolean; bulletList: boolean; orderedList: boolean; blockquote: boolean; code: boolean; link: boolean }

interface Props { editor: Editor; pressed: Pressed; simple: boolean; controls: string }

export function EditorToolbar({ editor, pressed, simple, controls }: Props) {
  const { t } = useTranslation();
  const [linking, setLinking] = useState(false);
  const [href, setHref] = useState('');
  const run = (fn: (c: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => fn(editor.chain().focus()).run();
  // A click keeps the focus (and the selection) in the editor: typing goes on where it was, never into the button.
  // Keyboard users reach the buttons with Tab as usual.
  const button = (name: string, mark: string, on: boolean, action: () => void) => (
    <button type="button" className="toolbar-button" aria-pressed={on} aria-controls={controls} onClick={action} onMouseDown={(e) => e.preventDefault()} title={t(name)}>
      <span aria-hidden="true" className={`toolbar-icon icon-${mark}`}>{ICON[mark]}</span>
      <span className="visually-hidden">{t(name)}</span>
    </button>
  );
  const openLink = () => {
    setHref(String(editor.getAttributes('link').href ?? ''));
    setLinking(true);
  };
  const applyLink = (event: FormEvent) => {
    event.preventDefault();
    const url = href.trim();
    if (url) run((c) => c.extendMarkRange('link').setLink({ href: /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}` }));
    else run((c) => c.extendMarkRange('link').unsetLink());
    setLinking(false);
  };
  return (
    <>
      <div role="toolbar" aria-label={t('Formatting')} aria-controls={controls} className="editor-toolbar">
        {button('Bold', 'bold', pressed.bold, () => run((c) => c.toggleBold()))}
        {button('Italic', 'italic', pressed.italic, () => run((c) => c.toggleItalic()))}
        {button('Bulleted list', 'bullets', pressed.bulletList, () => run((c) => c.toggleBulletList()))}
        {button('Numbered list', 'numbers', pressed.orderedList, () => run((c) => c.toggleOrderedList()))}
        {button('Link', 'link', pressed.link, openLink)}
        {!simple && button('Quote', 'quote', pressed.blockquote, () => run((c) => c.toggleBlockquote()))}
        {!simple && button('Code', 'code', pressed.code, () => run((c) => c.toggleCode()))}
      </div>
      {linking && (
        <form className="link-form" onSubmit={applyLink}>
          <label>
            {t('Link address')}
            <input type="url" value={href} onChange={(e) => setHref(e.target.value)} placeholder="https://" autoFocus
              onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); setLinking(false); editor.commands.focus(); } }} />
          </label>
          <button type="submit" className="button">{t('Apply')}</button>
          <button type="button" className="button" onClick={() => { setLinking(false); editor.commands.focus(); }}>{t('Cancel')}</button>
        </form>
      )}
    </>
  );
}

const ICON: Record<string, string> = { bold: 'B', italic: 'I', bullets: '•', numbers: '1.', link: 'a', quote: '“', code: '</>' };
