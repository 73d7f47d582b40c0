/**
 * Global search (issue 15): organizations and repositories of every region, by name, from the
 * fleet index. The command palette asks it as the user types, so it answers names only, ranked,
 * and at most `limit` of each kind, without an SWR call; tags stay live (the palette asks SWR for
 * the tags of the repository in view).
 */
import { z } from '../zod';
import { bffEndpoint } from './define';
import { fleetRegion } from './fleet';

/** The most results of each kind one answer holds. */
export const FLEET_SEARCH_MAX_LIMIT = 50;
/** The longest search text. */
export const FLEET_SEARCH_MAX_TEXT = 128;

export const fleetSearchResponse = z.object({
  /** Best match first (see docs/decisions/0018-global-search.md for the ranking). */
  namespaces: z.array(z.object({ region: z.string(), name: z.string() })),
  repositories: z.array(z.object({ region: z.string(), namespace: z.string(), name: z.string() })),
  /** How many matched in all, of which the answer holds the first `limit` of each kind. */
  totals: z.object({ namespaces: z.number(), repositories: z.number() }),
  /** How fresh each region's index is: a region never swept has nothing to find yet. */
  regions: z.array(fleetRegion),
});
export type FleetSearchResponse = z.infer<typeof fleetSearchResponse>;

/**
 * `GET /api/fleet/search?q=&region=&limit=`: every word of `q` must occur in the name (an
 * organization's, or a repository's `organization/name`), case ignored. Results of `region`, the
 * one in view, come first among equally good matches; every region the user has is searched.
 */
export const fleetSearchEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/fleet/search',
  query: z.strictObject({
    q: z.string().check(z.trim(), z.minLength(1), z.maxLength(FLEET_SEARCH_MAX_TEXT)),
    region: z.optional(z.string().check(z.maxLength(64))),
    limit: z.optional(
      z.pipe(
        z.pipe(
          z.string().check(z.regex(/^\d{1,2}$/, { error: 'use a whole number' })),
          z.transform(Number),
        ),
        z.int().check(z.minimum(1), z.maximum(FLEET_SEARCH_MAX_LIMIT)),
      ),
    ),
  }),
  answer: fleetSearchResponse,
});
