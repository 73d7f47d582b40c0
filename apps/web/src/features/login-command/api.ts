/**
 * The temporary docker login command. It is a credential: it is never a query (nothing caches
 * it), the mutation that fetched it is dropped as soon as the page no longer watches it, and the
 * page clears it when it unmounts. The BFF answers it with `Cache-Control: no-store`.
 */
import { useMutation } from '@tanstack/react-query';
import { swr } from '../../lib/api';

export function useCreateLoginCommand(region: string) {
  return useMutation({
    mutationFn: () => swr(region).createSecret({ query: {} }),
    // Forget the result the moment no component shows it.
    gcTime: 0,
  });
}
