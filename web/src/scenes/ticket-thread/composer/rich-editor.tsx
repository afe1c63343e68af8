/**
 * The rich editor of the composer (TipTap on ProseMirror), loaded on demand (lazy-editor.tsx)
 * so it is not part of the first page load. A labelled toolbar (each button says whether its
 * format is on, aria-pressed), `/` for canned replies and `@` for mentions (suggestion-list.tsx),
 * Ctrl/Cmd+Enter to send. The editable area is a textbox named by the visible label.
 */
import { Extension, type Editor } from '@tiptap/core';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import { editorValue, type EditorValue } from './editor-value.ts';
import { EditorToolbar } from './editor-toolbar.tsx';
import { suggestionMenu, type MenuBridge, type OpenMenu, type SuggestionSource } from './suggestion-menu.ts';
import { SuggestionList } from './suggestion-list.tsx';

/** What the composer may do with the editor. */
export interface RichEditorHandle {
  focus(): void;
  /** Replaces the content (undo send puts the text back; a sent one empties it). */
  setHtml(html: string): void;
  value(): EditorValue;
}

export interface RichEditorProps {
  id: string;
  label: string;
  initialHtml: string;
  /** Customers get bold, italic, lists and links; staff also quote and code. */
  simple: boolean;
  canned: SuggestionSource | null;
  mentions: SuggestionSource | null;
  onChange(value: EditorValue): void;
  onSubmit(): void;
  handle: RefObject<RichEditorHandle | null>;
  describedBy?: string;
  invalid?: boolean;
}

export function RichEditor(props: RichEditorProps) {
  const { id, label, initialHtml, simple, handle, describedBy, invalid } = props;
  const labelId = useId();
  const listId = useId();
  const latest = useRef(props);
  latest.current = props;
  const [menu, setMenu] = useState<(OpenMenu & { index: number }) | null>(null);
  const menuRef = useRef(menu);
  menuRef.current = menu;

  const bridge = useMemo<MenuBridge>(() => ({
    open: (m) => setMenu((old) => ({ ...m, index: old?.char === m.char ? Math.max(0, Math.min(old.index, m.items.length - 1)) : 0 })),
    close: (char) => setMenu((old) => (old?.char === char ? null : old)),
    key: (event) => {
      const m = menuRef.current;
      if (!m) return false;
      const n = m.items.length;
      if (event.key === 'Escape') { setMenu(null); return true; }
      if (n === 0) return false;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const index = (m.index + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
        menuRef.current = { ...m, index };
        setMenu(menuRef.current);
        return true;
      }
      if (event.key === 'Enter' || event.key === 'Tab') { m.choose(m.items[m.index]); return true; }
      return false;
    },
  }), []);

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: false, horizontalRule: false,
        link: { openOnClick: false, autolink: true, defaultProtocol: 'https', HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' } },
      }),
      Extension.create({
        name: 'parleySend',
        addKeyboardShortcuts: () => ({ 'Mod-Enter': () => { latest.current.onSubmit(); return true; } }),
      }),
      suggestionMenu('/', () => latest.current.canned, bridge),
      suggestionMenu('@', () => latest.current.mentions, bridge),
    ],
    content: initialHtml,
    // Its CSS is in composer.css: an injected <style> would break the CSP (no inline styles).
    injectCSS: false,
    editorProps: {
      attributes: {
        id, role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': labelId, class: 'rich-editor-content',
        'aria-autocomplete': 'list',
      },
    },
    // A restored draft counts as text from the start (the composer then knows someone is writing).
    onCreate: ({ editor: e }) => latest.current.onChange(editorValue(e)),
    onUpdate: ({ editor: e }) => latest.current.onChange(editorValue(e)),
  });

  // The list's ARIA lives on the editable element ProseMirror owns: set it there as the list changes.
  useEffect(() => {
    const dom = editor?.view.dom;
    if (!dom) return;
    const set = (name: string, value: string | undefined) => (value === undefined ? dom.removeAttribute(name) : dom.setAttribute(name, value));
    set('aria-controls', menu ? listId : undefined);
    set('aria-activedescendant', menu && menu.items.length ? `${listId}-${menu.index}` : undefined);
    set('aria-describedby', describedBy);
    set('aria-invalid', invalid ? 'true' : undefined);
  }, [editor, menu, listId, describedBy, invalid]);

  useEffect(() => {
    handle.current = editor && {
      focus: () => editor.commands.focus('end'),
      setHtml: (html) => { editor.commands.setContent(html, { emitUpdate: true }); },
      value: () => editorValue(editor),
    };
    return () => { handle.current = null; };
  }, [editor, handle]);

  const pressed = useEditorState({
    editor,
    selector: ({ editor: e }: { editor: Editor | null }) => ({
      bold: !!e?.isActive('bold'), italic: !!e?.isActive('italic'), bulletList: !!e?.isActive('bulletList'),
      orderedList: !!e?.isActive('orderedList'), blockquote: !!e?.isActive('blockquote'), code: !!e?.isActive('code'),
      link: !!e?.isActive('link'),
    }),
  });

  return (
    <div className={`rich-editor${invalid ? ' invalid' : ''}`}>
      <div id={labelId} className="rich-editor-label" onClick={() => editor?.commands.focus()}>{label}</div>
      {editor && pressed && <EditorToolbar editor={editor} pressed={pressed} simple={simple} controls={id} />}
      <EditorContent editor={editor} />
      {menu && (
        <SuggestionList id={listId} char={menu.char} items={menu.items} index={menu.index}
          onChoose={(item) => menu.choose(item)} />
      )}
    </div>
  );
}
