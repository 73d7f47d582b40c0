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
    number(name, fallback) {
      const value = Number(params.get(name));
      return params.has(name) && Number.isInteger(value) && value >= 0 ? value : fallback;
    },
    set,
  };
}
