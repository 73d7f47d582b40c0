/** The signed-in users and their sessions, for admins. */
import { z } from '../zod';

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
