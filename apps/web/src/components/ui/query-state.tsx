/**
 * A query's view in one place: loading while it has nothing, the error with a retry (none when
 * asking again cannot help, see `ErrorState`), the empty state when the answer holds nothing, and
 * otherwise the content, rendered from the data.
 */
import type { ReactNode } from 'react';
import { ErrorState, LoadingState } from './states';

/** What the view reads of a query (TanStack Query's result has it). */
export interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => Promise<unknown>;
}

export interface QueryStateProps<T> {
  query: QueryLike<T>;
  /** What failed, the error's heading: "The audit log could not be loaded." */
  what: string;
  /** What is loading, for screen readers; "Loading…" when not given. */
  loadingLabel?: string | undefined;
  /** Whether the answer holds nothing to show; then `empty` is shown instead of the content. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /**
   * When a refresh fails, the data read before stays on screen under the error (the empty state
   * does not: it would claim what the failed read could not confirm). Without it, the error
   * replaces the content.
   */
  keepData?: boolean;
  /** Puts the error state in its surroundings (a heading above, a way back below). */
  renderError?: (errorState: ReactNode, error: unknown) => ReactNode;
  children: (data: T) => ReactNode;
}

export function QueryState<T>({
  query,
  what,
  loadingLabel,
  isEmpty,
  empty = null,
  keepData = false,
  renderError,
  children,
}: QueryStateProps<T>) {
  const { data } = query;
  let content: ReactNode = null;
  if (data !== undefined && (query.isSuccess || keepData)) {
    if (isEmpty?.(data) !== true) content = children(data);
    else if (query.isSuccess) content = empty;
  }
  let error: ReactNode = null;
  if (query.isError) {
    const state = (
      <ErrorState error={query.error} what={what} onRetry={() => void query.refetch()} />
    );
    error = renderError === undefined ? state : renderError(state, query.error);
  }
  return (
    <>
      {query.isPending ? (
        <LoadingState {...(loadingLabel === undefined ? {} : { label: loadingLabel })} />
      ) : null}
      {error}
      {content}
    </>
  );
}
