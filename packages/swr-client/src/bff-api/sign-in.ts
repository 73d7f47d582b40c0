/**
 * Signing in: the demo users and demo sign-in, the company sign-in's start and its callback. Apart
 * from the session's entries, so that only the sign-in page carries them.
 */
import { z } from '../zod';
import { bffEndpoint } from './define';
import { roleName } from './session';

/** `GET /auth/demo/users` */
export const demoUsersResponse = z.object({
  users: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.nullable(roleName),
      namespaces: z.nullable(z.array(z.string())),
    }),
  ),
});
export type DemoUser = z.infer<typeof demoUsersResponse>['users'][number];

/** The demo users to sign in as; only when the console runs in demo sign-in (else 404). */
export const demoUsersEndpoint = bffEndpoint({
  method: 'GET',
  path: '/auth/demo/users',
  answer: demoUsersResponse,
});

/** Where a sign-in returns to: a path of the console, checked by the BFF. */
const returnTo = z.string();

/** Signs in as a demo user; answers where to go next. */
export const demoSignInEndpoint = bffEndpoint({
  method: 'POST',
  path: '/auth/demo/login',
  body: z.object({ user: z.string(), returnTo: z.optional(returnTo) }),
  answer: z.object({ returnTo }),
});

/** Starts a sign-in (OIDC or header mode): a page the browser opens, which redirects. */
export const signInEndpoint = bffEndpoint({
  method: 'GET',
  path: '/auth/login',
  query: z.object({ returnTo: z.optional(returnTo) }),
  answer: 'redirect',
});

/** Where the identity provider sends the browser back (OIDC mode). */
export const signInCallbackEndpoint = bffEndpoint({
  method: 'GET',
  path: '/auth/callback',
  query: z.object({ code: z.optional(z.string()), state: z.optional(z.string()) }),
  answer: 'redirect',
});
