/** Who started a repository's manual syncs, from the audit trail. */
import { namespaceName, repositoryName } from '../names';
import { z } from '../zod';
import { bffEndpoint } from './define';

/**
 * `GET /api/sync-starts/:region?namespace=&repository=`: who started a repository's manual syncs
 * through the console, from the audit trail. SWR records its own IAM user (the console's) as the
 * operator of every job the console starts; this names the person. For whoever may read the
 * repository's sync jobs.
 */
/** How far back the trail is read for a repository's manual syncs. */
export const SYNC_STARTS_DAYS = 30;
/** At most this many starts are answered, newest first. */
export const SYNC_STARTS_MAX = 200;

export const syncStartsResponse = z.object({
  starts: z.array(
    z.object({
      /** When the console sent the request (its audit record's time, the console's clock). */
      at: z.string(),
      /**
       * The earliest SWR can have dated the request's jobs, by SWR's own clock (its answer's
       * `Date` less the call's time and a second for the header's precision); absent when SWR
       * sent no date.
       */
      jobsFrom: z.optional(z.string()),
      /** The person, as the audit trail names them. */
      by: z.string(),
      /** The tags asked for; null when the request was too large to keep in the trail. */
      tags: z.nullable(z.array(z.string())),
      remoteRegionId: z.string(),
      remoteNamespace: z.string(),
    }),
  ),
});
export type SyncStartsResponse = z.infer<typeof syncStartsResponse>;
export type SyncStart = SyncStartsResponse['starts'][number];

/** Who started a repository's manual syncs through the console, from the audit trail. */
export const syncStartsEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/sync-starts/:region',
  query: z.strictObject({ namespace: namespaceName, repository: repositoryName }),
  answer: syncStartsResponse,
});
