/**
 * The organizations' daily totals the fleet index keeps (usage over time), in a module of its
 * own: the Overview imports `fleet.ts`, and what this file declares stays out of its bundle.
 */
import { z } from '../zod';
import { bffEndpoint } from './define';

/** `GET /api/fleet/usage`: daily totals per organization, as the user may see them. */
export const fleetUsageResponse = z.object({
  days: z.array(
    z.object({
      /** `YYYY-MM-DD` (UTC). */
      day: z.string(),
      region: z.string(),
      namespace: z.string(),
      repositories: z.number(),
      tags: z.number(),
      size: z.number(),
    }),
  ),
});
export type FleetUsageResponse = z.infer<typeof fleetUsageResponse>;

/** How many days of totals `/api/fleet/usage` answers at most. */
export const FLEET_USAGE_MAX_DAYS = 400;

/** The organizations' daily totals over the last `days` days (30 when not given). */
export const fleetUsageEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/fleet/usage',
  query: z.strictObject({
    region: z.optional(z.string().check(z.maxLength(64))),
    days: z.optional(
      z.pipe(
        z.pipe(
          z.string().check(z.regex(/^\d{1,3}$/, { error: 'use a whole number of days' })),
          z.transform(Number),
        ),
        z.int().check(z.minimum(1), z.maximum(FLEET_USAGE_MAX_DAYS)),
      ),
    ),
  }),
  answer: fleetUsageResponse,
});
