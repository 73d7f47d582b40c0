/** Demo sign-in: the demo users to choose from, and signing in as one. */
import { demoUsersResponse, isSwrError } from '@swr-dashboard/swr-client/browser';
import { queryOptions } from '@tanstack/react-query';
import { bff } from '../../lib/api';
import { z } from '../../lib/zod';

export const signInKeys = {
  demoUsers: () => ['sign-in', 'demo-users'] as const,
};

/** Demo users, or null when the console does not run in demo sign-in. */
export const demoUsersQuery = () =>
  queryOptions({
    queryKey: signInKeys.demoUsers(),
    queryFn: async ({ signal }) => {
      try {
        return await bff(demoUsersResponse, '/auth/demo/users', { signal });
      } catch (error) {
        if (isSwrError(error) && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });

export function signInDemo(user: string, returnTo: string): Promise<{ returnTo: string }> {
  return bff(z.object({ returnTo: z.string() }), '/auth/demo/login', {
    method: 'POST',
    body: { user, returnTo },
  });
}
