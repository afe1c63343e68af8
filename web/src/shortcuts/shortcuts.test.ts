/**
 * The shortcut registry without a browser: key presses are plain objects shaped like a
 * KeyboardEvent, elements are stand-ins that answer `closest()` as the DOM would, and
 * localStorage is a Map. What is tested is shortcuts.ts's own logic: typing targets,
 * modifiers, the off switch, and which registration of a key wins.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { handleShortcutKey, isTyping, listShortcuts, registerShortcut, setShortcutsEnabled, shortcutsEnabled, subscribeShortcuts } from './shortcuts.ts';

/** An element that matches the typing selector or not, like a DOM element would. */
class FakeElement {
  constructor(readonly typing: boolean, readonly isContentEditable = false) {}
  closest(_selector: string) { return this.typing ? this : null; }
}

beforeAll(() => {
  vi.stubGlobal('HTMLElement', FakeElement);
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => { store.set(k, v); } });
});

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
  setShortcutsEnabled(true);
});

function press(key: string, extra: Partial<{ target: unknown; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; isComposing: boolean; defaultPrevented: boolean }> = {}) {
  const event = { key, target: new FakeElement(false), ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, isComposing: false, defaultPrevented: false, ...extra, preventDefault: vi.fn() };
  handleShortcutKey(event as unknown as KeyboardEvent);
  return event;
}

function register(key: string, description = `Do ${key}`) {
  const handler = vi.fn();
  cleanups.push(registerShortcut({ key, description, group: 'General' }, handler));
  return handler;
}

describe('shortcuts', () => {
  it('runs the shortcut of the key pressed, and takes the key from the page', () => {
    const c = register('c');
    const question = register('?');
    const event = press('c');
    expect(c).toHaveBeenCalledTimes(1);
    expect(event.preventDefault).toHaveBeenCalled();
    press('?', { shiftKey: true });
    expect(question).toHaveBeenCalledTimes(1);
    expect(press('x').preventDefault).not.toHaveBeenCalled();
  });

  it('never fires while the person types: in a field, a rich editor, or while composing', () => {
    const c = register('c');
    press('c', { target: new FakeElement(true) });
    press('c', { target: new FakeElement(false, true) });
    press('c', { isComposing: true });
    expect(c).not.toHaveBeenCalled();
    expect(isTyping({ target: new FakeElement(true) } as unknown as KeyboardEvent)).toBe(true);
    expect(isTyping({ target: new FakeElement(false) } as unknown as KeyboardEvent)).toBe(false);
  });

  it('leaves Ctrl, Alt and Meta combinations to the browser and assistive technology', () => {
    const c = register('c');
    for (const modifier of ['ctrlKey', 'metaKey', 'altKey'] as const) {
      const event = press('c', { [modifier]: true });
      expect(event.preventDefault).not.toHaveBeenCalled();
    }
    expect(c).not.toHaveBeenCalled();
  });

  it('does nothing for a key press something else already handled', () => {
    const c = register('c');
    press('c', { defaultPrevented: true });
    expect(c).not.toHaveBeenCalled();
  });

  it('does nothing at all once turned off, and again when turned on; the choice is kept', () => {
    const c = register('c');
    setShortcutsEnabled(false);
    expect(shortcutsEnabled()).toBe(false);
    expect(localStorage.getItem('parley.shortcuts')).toBe('off');
    expect(press('c').preventDefault).not.toHaveBeenCalled();
    expect(c).not.toHaveBeenCalled();
    setShortcutsEnabled(true);
    press('c');
    expect(c).toHaveBeenCalledTimes(1);
  });

  it('gives a key to its latest registration, and back to the earlier one when that goes', () => {
    const layout = register('t', 'Go to the tickets');
    const page = registerShortcut({ key: 't', description: 'Take the ticket', group: 'Ticket' }, vi.fn());
    press('t');
    expect(layout).not.toHaveBeenCalled();
    page();
    press('t');
    expect(layout).toHaveBeenCalledTimes(1);
  });

  it('lists what is registered, in order, and tells subscribers of every change', () => {
    const heard = vi.fn();
    cleanups.push(subscribeShortcuts(heard));
    register('?', 'Show the keyboard shortcuts');
    register('c', 'Open a new ticket');
    expect(listShortcuts()).toEqual([
      { key: '?', description: 'Show the keyboard shortcuts', group: 'General' },
      { key: 'c', description: 'Open a new ticket', group: 'General' },
    ]);
    setShortcutsEnabled(false);
    expect(heard).toHaveBeenCalledTimes(3);
  });

  it('tells Shift apart by the key itself: R is not r', () => {
    const lower = register('r');
    const upper = register('R');
    press('R', { shiftKey: true });
    expect(upper).toHaveBeenCalledTimes(1);
    expect(lower).not.toHaveBeenCalled();
  });
});
