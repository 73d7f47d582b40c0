/**
 * The console's keyboard shortcuts, as data: the key handler (keyboard.ts) follows them and the
 * help overlay lists them. A two-key move is `g` then a page's letter: the first key waits for
 * the next keydown, whatever it is, with no timer.
 */
import type { PagePath } from '../../lib/pages';

/** Apple's keyboards say ⌘ where others say Ctrl (either works). */
export const MAC = /Mac|iPhone|iPad/.test(navigator.userAgent);

/** `g` then the letter: to a page of the region in view. */
export const GO_TO: readonly { key: string; page: PagePath }[] = [
  { key: 'h', page: 'overview' },
  { key: 'o', page: 'organizations' },
  { key: 'r', page: 'repositories' },
  { key: 'f', page: 'fleet' },
  { key: 's', page: 'share-radar' },
  { key: 'y', page: 'sync-health' },
  { key: 'a', page: 'access' },
  { key: 'i', page: 'shared' },
  { key: 'l', page: 'login-command' },
  { key: 'u', page: 'audit' },
];

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

const NOTHING: KeyOutcome = { command: undefined, waiting: false };

/** The outcome of one keydown, `waiting` when the one before was a lone `g`. */
export function readKey(press: KeyPress, waiting: boolean): KeyOutcome {
  const lower = press.key.toLowerCase();
  if ((press.ctrlKey || press.metaKey) && !press.altKey && lower === 'k') {
    return { command: { kind: 'palette' }, waiting: false };
  }
  if (press.typing || press.ctrlKey || press.metaKey || press.altKey) return NOTHING;
  if (waiting) {
    const target = GO_TO.find((shortcut) => shortcut.key === lower);
    return { command: target && { kind: 'go', page: target.page }, waiting: false };
  }
  if (press.key === '/') return { command: { kind: 'palette' }, waiting: false };
  if (press.key === '?') return { command: { kind: 'help' }, waiting: false };
  if (lower === 'g') return { command: undefined, waiting: true };
  return NOTHING;
}
