/**
 * View state in the query string (filters, sort, page), so every view can be linked and reloaded.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export interface UrlState {
  get(name: string): string | undefined;
  number(name: string, fallback: number): number;
  /** Sets (or, with undefined or '', removes) parameters, replacing the history entry. */
  set(values: Record<string, string | number | undefined>): void;
  /**
   * The page (`offset`, `limit`) in the query string. A limit that is not one of `sizes` falls back
   * to the first, the default.
   */
  page(sizes: readonly number[]): Page;
  /** Writes a page, leaving the defaults (offset 0, the first size) out of the URL. */
  setPage(page: Page, sizes: readonly number[]): void;
}

export interface Page {
  offset: number;
  limit: number;
}

export function useUrlState(): UrlState {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (values: Record<string, string | number | undefined>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(values)) {
            if (value === undefined || value === '') next.delete(name);
            else next.set(name, String(value));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const number = (name: string, fallback: number) => {
    const value = Number(params.get(name));
    return params.has(name) && Number.isInteger(value) && value >= 0 ? value : fallback;
  };
  return {
    get: (name) => params.get(name) ?? undefined,
    number,
    set,
    page(sizes) {
      const fallback = sizes[0] ?? 20;
      const limit = number('limit', fallback);
      return { offset: number('offset', 0), limit: sizes.includes(limit) ? limit : fallback };
    },
    setPage(page, sizes) {
      set({
        offset: page.offset === 0 ? undefined : page.offset,
        limit: page.limit === sizes[0] ? undefined : page.limit,
      });
    },
  };
}
