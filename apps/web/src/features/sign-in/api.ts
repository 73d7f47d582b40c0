/**
 * Signing in: the demo users to choose from and signing in as one, or the company sign-in's
 * address.
 */
import {
  bffUrl,
  demoSignInEndpoint,
  demoUsersEndpoint,
  isSwrError,
  signInEndpoint,
} from '@swr-dashboard/swr-client/browser';
import { queryOptions } from '@tanstack/react-query';
import { bff } from '../../lib/api';

export const signInKeys = {
  demoUsers: () => ['sign-in', 'demo-users'] as const,
};

/** Demo users, or null when the console does not run in demo sign-in. */
export const demoUsersQuery = () =>
  queryOptions({
    queryKey: signInKeys.demoUsers(),
    queryFn: async ({ signal }) => {
      try {
        return await bff(demoUsersEndpoint, {}, { signal });
      } catch (error) {
        if (isSwrError(error) && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });

export function signInDemo(user: string, returnTo: string): Promise<{ returnTo: string }> {
  return bff(demoSignInEndpoint, { body: { user, returnTo } });
}

/** The company sign-in's start (a page the browser opens), coming back to `returnTo`. */
export function signInUrl(returnTo: string): string {
  return bffUrl(signInEndpoint, { query: { returnTo } });
}
