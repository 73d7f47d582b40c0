/** The signed-in users and their sessions, for admins. */
import { z } from '../zod';
import { bffEndpoint } from './define';

/** `GET /api/sessions` */
export const sessionsResponse = z.object({
  users: z.array(
    z.object({
      /** The identity key (`iss|sub`): what `DELETE /api/sessions?user=` takes. */
      key: z.string(),
      name: z.string(),
      role: z.string(),
      /** How many live sessions the user has (browsers, devices). */
      sessions: z.number(),
      /** The latest request of any of them. */
      lastSeen: z.nullable(z.string()),
    }),
  ),
});
export type SignedInUser = z.infer<typeof sessionsResponse>['users'][number];

/** Everyone with a live session (admins only). */
export const sessionsEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/sessions',
  query: z.strictObject({}),
  answer: sessionsResponse,
});

/** Ends every session of one user (admins only); answers how many there were. */
export const endSessionsEndpoint = bffEndpoint({
  method: 'DELETE',
  path: '/api/sessions',
  query: z.strictObject({ user: z.string().check(z.minLength(1), z.maxLength(1024)) }),
  answer: z.object({ ended: z.number() }),
});
