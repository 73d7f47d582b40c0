/** The keyboard shortcuts' reading of keydowns (shortcuts.ts). */
import { describe, expect, it } from 'vitest';
import { PAGES } from '../../lib/pages';
import { readKey, type KeyPress } from './shortcuts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  ...extra,
});

describe('keyboard shortcuts', () => {
  it('opens the palette with Ctrl+K or ⌘+K, even while typing, and with /', () => {
    for (const keys of [{ ctrlKey: true }, { metaKey: true }, { ctrlKey: true, typing: true }]) {
      expect(readKey(press('k', keys), false).command).toEqual({ kind: 'palette' });
      expect(readKey(press('K', keys), true)).toEqual({
        command: { kind: 'palette' },
        waiting: false,
      });
    }
    expect(readKey(press('/'), false).command).toEqual({ kind: 'palette' });
    expect(readKey(press('k', { ctrlKey: true, altKey: true }), false).command).toBeUndefined();
  });

  it('shows the help with ?', () => {
    expect(readKey(press('?'), false).command).toEqual({ kind: 'help' });
  });

  it('goes to a page with g then its letter, the next key deciding whatever it is', () => {
    const first = readKey(press('g'), false);
    expect(first).toEqual({ command: undefined, waiting: true });
    expect(readKey(press('f'), first.waiting).command).toEqual({ kind: 'go', page: 'fleet' });
    // A key no page has ends the wait: the letter after it is only a letter.
    const other = readKey(press('x'), true);
    expect(other).toEqual({ command: undefined, waiting: false });
    expect(readKey(press('f'), other.waiting).command).toBeUndefined();
  });

  it('ignores every key but Ctrl/⌘+K while the user types, and keys with modifiers', () => {
    for (const key of ['/', '?', 'g']) {
      expect(readKey(press(key, { typing: true }), false)).toEqual({
        command: undefined,
        waiting: false,
      });
    }
    expect(readKey(press('f', { typing: true }), true).command).toBeUndefined();
    expect(readKey(press('g', { ctrlKey: true }), false).waiting).toBe(false);
    expect(readKey(press('f', { altKey: true }), true).command).toBeUndefined();
  });

  it('gives every page its own letter, none of them g', () => {
    const keys = PAGES.map((page) => page.key);
    expect(new Set(keys).size).toBe(PAGES.length);
    expect(keys).not.toContain('g');
    for (const page of PAGES) {
      expect(readKey(press(page.key.toUpperCase()), true).command).toEqual({
        kind: 'go',
        page: page.path,
      });
    }
  });
});
