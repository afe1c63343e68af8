/**
 * A TipTap extension that opens a list when a character is typed at the start of a line
 * or after a space (`/` for canned replies, `@` for mentions), through @tiptap/suggestion.
 * The list itself is React (suggestion-list.tsx); this bridges the plugin's life cycle
 * and keys to it. Escape is the plugin's: it closes the list and leaves the text.
 */
import { Extension, type Editor, type Range } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import Suggestion from '@tiptap/suggestion';

export interface SuggestionItem { id: string; label: string; detail?: string }

/** What a list offers and what choosing an entry does. */
export interface SuggestionSource {
  items(query: string): SuggestionItem[];
  pick(editor: Editor, range: Range, item: SuggestionItem): void;
}

/** The open list, as the React side shows it. */
export interface OpenMenu { char: string; items: SuggestionItem[]; choose: (item: SuggestionItem) => void }

/** How the plugin talks to the React side: a list opened or changed, closed, a key pressed while open. */
export interface MenuBridge {
  open(menu: OpenMenu): void;
  close(char: string): void;
  key(event: KeyboardEvent): boolean;
}

/** The extension for one trigger character; `source` is read on every keystroke (its data may arrive later). */
export function suggestionMenu(char: '/' | '@', source: () => SuggestionSource | null, bridge: MenuBridge) {
  const key = new PluginKey(`parley-suggestion-${char === '/' ? 'slash' : 'at'}`);
  return Extension.create({
    name: `parleySuggestion-${char === '/' ? 'slash' : 'at'}`,
    addProseMirrorPlugins() {
      return [Suggestion<SuggestionItem, SuggestionItem>({
        editor: this.editor, pluginKey: key, char, allowedPrefixes: [' '],
        allow: () => source() !== null,
        items: ({ query }) => source()?.items(query) ?? [],
        command: ({ editor, range, props }) => source()?.pick(editor, range, props),
        render: () => ({
          onStart: (p) => bridge.open({ char, items: p.items, choose: p.command }),
          onUpdate: (p) => bridge.open({ char, items: p.items, choose: p.command }),
          onExit: () => bridge.close(char),
          onKeyDown: ({ event }) => bridge.key(event),
        }),
      })];
    },
  });
}
