/**
 * The console's keyboard shortcuts: Ctrl/⌘+K and `/` open the palette, `?` lists the shortcuts,
 * `g` then a page's letter (lib/pages.ts) goes to that page. The first key of a two-key move
 * waits for the next keydown, whatever it is, with no timer.
 */
import { PAGES, type PagePath } from '../../lib/pages';

export type ShortcutCommand =
  { kind: 'palette' } | { kind: 'help' } | { kind: 'go'; page: PagePath };

/** What a keydown asks for, and whether a `g` now waits for its letter. */
export interface KeyOutcome {
  command: ShortcutCommand | undefined;
  waiting: boolean;
}

/** The parts of a keydown the shortcuts look at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Typing into a field: only Ctrl/⌘+K counts there. */
  typing: boolean;
}

const ALONE: Partial<Record<string, ShortcutCommand>> = {
  '/': { kind: 'palette' },
  '?': { kind: 'help' },
};

/** The outcome of one keydown, `waiting` when the one before was a lone `g`. */
export function readKey(press: KeyPress, waiting: boolean): KeyOutcome {
  const key = press.key.toLowerCase();
  const modified = press.ctrlKey || press.metaKey;
  if (modified && !press.altKey && key === 'k')
    return { command: { kind: 'palette' }, waiting: false };
  if (press.typing || modified || press.altKey) return { command: undefined, waiting: false };
  if (waiting) {
    const page = PAGES.find((candidate) => candidate.key === key);
    return { command: page && { kind: 'go', page: page.path }, waiting: false };
  }
  return { command: ALONE[press.key], waiting: key === 'g' };
}
