/**
 * Saved views of the grid: three built in, and the user's own (a name and the view's URL state),
 * kept in this browser's localStorage per user. A built-in view sets the filters and the order and
 * keeps the regions shown; a user's view also brings back the regions it was saved with.
 */
import { useCallback, useState } from 'react';
import { z } from '../../lib/zod';
import { canonicalSearch } from './view-state';

export const BUILT_IN_VIEWS = [
  { id: 'no-retention-500-tags', search: 'facets=no-retention&tagsOver=500&sort=tags&dir=desc' },
  { id: 'failed-trigger-7-days', search: 'facets=failed-trigger&sort=triggers&dir=desc' },
  { id: 'shared-outside', search: 'facets=shared-outside&sort=shares&dir=desc' },
] as const;

/** How long a view's name may be. */
export const VIEW_NAME_MAX = 60;
/** How many views a user keeps at most. */
export const VIEWS_MAX = 50;

const savedView = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  name: z.string().check(z.minLength(1), z.maxLength(VIEW_NAME_MAX)),
  /** The page's region when it was saved (the view shows it unless it shows all regions). */
  region: z.string().check(z.maxLength(64)),
  /** The view's query string, canonical. */
  search: z.string().check(z.maxLength(1000)),
});
export type SavedView = z.infer<typeof savedView>;

const STORAGE_PREFIX = 'swr-console.fleet-views:';

/** Whose views these are: the same person signed in the same way. */
export function viewOwner(user: { authMode: string; email: string | null; name: string }): string {
  return `${user.authMode}:${user.email ?? user.name}`;
}

/** The user's views as stored; anything unreadable is left out. */
export function readSavedViews(owner: string): SavedView[] {
  let stored: unknown;
  try {
    stored = JSON.parse(localStorage.getItem(STORAGE_PREFIX + owner) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((entry: unknown) => {
    const parsed = z.safeParse(savedView, entry);
    return parsed.success ? [{ ...parsed.data, search: canonicalSearch(parsed.data.search) }] : [];
  });
}

function writeSavedViews(owner: string, views: readonly SavedView[]): void {
  try {
    localStorage.setItem(STORAGE_PREFIX + owner, JSON.stringify(views));
  } catch {
    // Storage full or refused (private browsing): the views last as long as the page.
  }
}

/** Why a name cannot be used for a view (a key of the fleet namespace), or undefined. */
export function viewNameProblem(
  name: string,
  views: readonly SavedView[],
  except?: string,
): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'views.nameMissing';
  if (trimmed.length > VIEW_NAME_MAX) return 'views.nameTooLong';
  const taken = views.some(
    (view) => view.id !== except && view.name.toLowerCase() === trimmed.toLowerCase(),
  );
  return taken ? 'views.nameTaken' : undefined;
}

function newId(): string {
  // Not crypto.randomUUID: it exists only in secure contexts, and the console may be served
  // over plain HTTP inside a company network.
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export interface SavedViews {
  views: SavedView[];
  /** Saves a view; undefined when the user already keeps {@link VIEWS_MAX}. */
  save: (view: Omit<SavedView, 'id'>) => SavedView | undefined;
  rename: (id: string, name: string) => void;
  remove: (id: string) => void;
}

export function useSavedViews(owner: string): SavedViews {
  const [views, setViews] = useState(() => readSavedViews(owner));
  const change = useCallback(
    (next: (current: SavedView[]) => SavedView[]) => {
      // Read again first: another tab of the console may have changed them meanwhile.
      const updated = next(readSavedViews(owner));
      writeSavedViews(owner, updated);
      setViews(updated);
    },
    [owner],
  );
  return {
    views,
    save(view) {
      if (views.length >= VIEWS_MAX) return undefined;
      const saved = { ...view, id: newId(), name: view.name.trim() };
      change((current) => [...current, saved]);
      return saved;
    },
    rename(id, name) {
      change((current) =>
        current.map((view) => (view.id === id ? { ...view, name: name.trim() } : view)),
      );
    },
    remove(id) {
      change((current) => current.filter((view) => view.id !== id));
    },
  };
}
