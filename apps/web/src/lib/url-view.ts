/**
 * A view kept in the query string, so it can be bookmarked and shared: read from the parameters
 * it owns, written back as its canonical query string (defaults left out, always in one order)
 * in place of those parameters, the others kept, the history entry replaced. Each view says which
 * parameters it owns, how it reads them and how it writes them.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export interface UrlView<V> {
  /** Every query parameter the view owns (a view written replaces them all). */
  params: readonly string[];
  /** The view in the parameters; unknown values fall back to the defaults. */
  read: (params: URLSearchParams) => V;
  /** The view as a query string (without `?`), canonical: equal views, equal strings. */
  search: (view: V) => string;
}

export interface UrlViewState<V> {
  view: V;
  /** The view's query string, canonical. */
  search: string;
  /** Changes part of the view (replacing the history entry). */
  update: (changes: Partial<V>) => void;
  /** Replaces the whole view with one given as a query string. */
  apply: (search: string) => void;
}

/** A query string (without `?`) of the values given, in their order, the undefined ones left out. */
export function searchOf(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) params.set(name, value);
  }
  return params.toString();
}

/** The view in the page's query string, and its writers. `spec` is a constant of the module. */
export function useUrlView<V>(spec: UrlView<V>): UrlViewState<V> {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => spec.read(params), [spec, params]);
  const write = useCallback(
    (next: (current: URLSearchParams) => V) => {
      setParams(
        (current) => {
          const out = new URLSearchParams(current);
          for (const name of spec.params) out.delete(name);
          for (const [name, value] of new URLSearchParams(spec.search(next(current)))) {
            out.set(name, value);
          }
          return out;
        },
        { replace: true },
      );
    },
    [spec, setParams],
  );
  const update = useCallback(
    (changes: Partial<V>) => {
      write((current) => ({ ...spec.read(current), ...changes }));
    },
    [spec, write],
  );
  const apply = useCallback(
    (search: string) => {
      write(() => spec.read(new URLSearchParams(search)));
    },
    [spec, write],
  );
  return { view, search: spec.search(view), update, apply };
}
