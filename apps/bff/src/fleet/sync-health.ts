/**
 * Sync health of a repository with automatic sync: for each target, the tags the target region
 * lacks or holds with another digest, and the sync jobs of the last week that failed. Read during
 * the sweep, only for repositories that sync (their tags are the one thing the index lists), with
 * each region's own paced client.
 */
import { isSwrError, type FleetRepository, type SwrClient } from '@swr-dashboard/swr-client';

const TAG_PAGE = 1000;
const JOB_PAGE = 100;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const FAILED = new Set(['failed', 'timeout']);

type SyncHealth = FleetRepository['syncHealth'][number];

/** Every tag of a repository with its digest; empty when the repository does not exist there. */
async function tagDigests(
  client: SwrClient,
  namespace: string,
  repository: string,
): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  try {
    for (let offset = 0; ; offset += TAG_PAGE) {
      const page = await client.listRepositoryTags({
        params: { namespace, repository },
        query: { limit: TAG_PAGE, offset },
      });
      for (const tag of page.items) digests.set(tag.Tag, tag.digest);
      if (page.items.length < TAG_PAGE || digests.size >= page.total) return digests;
    }
  } catch (error) {
    if (isSwrError(error) && error.status === 404) return digests;
    throw error;
  }
}

interface FailedJob {
  region: string;
  namespace: string;
  job: SyncHealth['failedJobs'][number];
}

/** The repository's sync jobs of the last week (of its newest 100) that failed or timed out. */
async function failedJobs(
  client: SwrClient,
  namespace: string,
  repository: string,
  now: number,
): Promise<FailedJob[]> {
  const page = await client.showSyncJob({
    params: { namespace, repository },
    query: { limit: JOB_PAGE, offset: 0, order: 'desc' },
  });
  return page.items
    .filter((job) => FAILED.has(job.status) && now - Date.parse(job.createdAt) <= WEEK_MS)
    .map((job) => ({
      region: job.remoteRegionId,
      namespace: job.remoteNamespace,
      job: { tag: job.tag, status: job.status, at: job.createdAt },
    }));
}

/** Tags of `here` that `there` lacks, and those it holds with another digest. */
function difference(here: Map<string, string>, there: Map<string, string>) {
  const missing: string[] = [];
  const differing: string[] = [];
  for (const [tag, digest] of here) {
    const copy = there.get(tag);
    if (copy === undefined) missing.push(tag);
    else if (copy !== digest) differing.push(tag);
  }
  return { missing, differing };
}

/** What each target lacks; a target in a region this console does not reach is `null`. */
export async function syncHealthOf(
  source: SwrClient,
  clientFor: (region: string) => SwrClient | undefined,
  entry: Pick<FleetRepository, 'namespace' | 'name' | 'syncTargets'>,
  now: number,
): Promise<FleetRepository['syncHealth']> {
  if (entry.syncTargets.length === 0) return [];
  const [tags, failed] = await Promise.all([
    tagDigests(source, entry.namespace, entry.name),
    failedJobs(source, entry.namespace, entry.name, now),
  ]);
  return Promise.all(
    entry.syncTargets.map(async ({ region, namespace }): Promise<SyncHealth> => {
      const failedJobs = failed
        .filter((job) => job.region === region && job.namespace === namespace)
        .map((job) => job.job);
      const client = clientFor(region);
      if (client === undefined) {
        return { region, namespace, missing: null, differing: null, failedJobs };
      }
      const there = await tagDigests(client, namespace, entry.name);
      return { region, namespace, ...difference(tags, there), failedJobs };
    }),
  );
}
