/**
 * The app's providers: one QueryClient (retries only what is worth retrying, never mutations),
 * and i18next. A change whose answer was lost may have happened anyway, so every view then asks
 * SWR again and shows the true state instead of a guess.
 */
import { bffCodeOf, isSwrError } from '@swr-dashboard/swr-client/browser';
import {
  MutationCache,
  QueryClient,
  QueryClientProvider,
  type QueryObserverOptions,
} from '@tanstack/react-query';
import type { ReactNode } from 'react';

/** True when a failed change may still have been applied (the BFF's `outcome_unknown`, or no answer). */
export function mayHaveApplied(error: unknown): boolean {
  return (
    bffCodeOf(error) === 'outcome_unknown' ||
    (isSwrError(error) && (error.kind === 'timeout' || error.kind === 'network'))
  );
}

type QueryDefaults = Pick<QueryObserverOptions, 'retry' | 'staleTime'>;

/** The console's QueryClient; page tests pass `{ retry: false, staleTime: 0 }`. */
export function createQueryClient(queries: QueryDefaults = {}): QueryClient {
  const client: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onError: (error) => {
        if (mayHaveApplied(error)) void client.invalidateQueries();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, error) =>
          count < 2 && isSwrError(error) && error.retryable && error.status !== 401,
        refetchOnWindowFocus: false,
        ...queries,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
