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

/** A whole number ≥ 0 from the query string, or `fallback` when it is missing or not one. */
export function readNumber(params: URLSearchParams, name: string, fallback: number): number {
  const value = Number(params.get(name));
  return params.has(name) && Number.isInteger(value) && value >= 0 ? value : fallback;
}

/** The page in the query string (see {@link UrlState.page}), for code that runs outside a render. */
export function readPage(params: URLSearchParams, sizes: readonly number[]): Page {
  const fallback = sizes[0] ?? 20;
  const limit = readNumber(params, 'limit', fallback);
  return {
    offset: readNumber(params, 'offset', 0),
    limit: sizes.includes(limit) ? limit : fallback,
  };
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
  return {
    get: (name) => params.get(name) ?? undefined,
    number: (name, fallback) => readNumber(params, name, fallback),
    set,
    page: (sizes) => readPage(params, sizes),
    setPage(page, sizes) {
      set({
        offset: page.offset === 0 ? undefined : page.offset,
        limit: page.limit === sizes[0] ? undefined : page.limit,
      });
    },
  };
}
