/**
 * One sweep of a region: everything the fleet index holds about it, read again from SWR and
 * written to the store. As its steps:
 *
 *   mark the sweep started → organizations and their grants → the repository list, page by page
 *   → each repository's policies, shares and grants (a few at a time, each call paced) → forget
 *   the repositories this sweep did not see → the day's totals → mark the sweep done.
 *
 * A repository that disappears between the list and its own reads (404) is left out; any other
 * failure ends the sweep, marks the region `failing` and keeps what the index had. A repository
 * changed through the console is refreshed alone (`refreshRepository`), between sweeps.
 */
import { isSwrError, type SwrClient } from '@swr-dashboard/swr-client';
import { UpstreamFailure } from '../proxy/upstream';
import type { FleetRows } from '../store/store';
import { syncHealthOf } from './sync-health';
import {
  namespaceEntry,
  repositoryEntry,
  type RepositoryReads,
  type RepositorySummary,
} from './entries';

/** Repositories read at once (their calls still wait for the region's pacer). */
const CONCURRENCY = 4;
const PAGE = 100;

export interface SweepContext {
  region: string;
  client: SwrClient;
  /** Another region's client (a sync target's), none when the console does not reach it. */
  clientFor: (region: string) => SwrClient | undefined;
  rows: FleetRows;
  /** SWR calls made so far (the pacer's count). */
  calls(): number;
  now?: () => number;
}

/** Why a sweep failed, in the console's words (SWR's own text may name internals). */
export function sweepFailure(error: unknown): string {
  if (error instanceof UpstreamFailure) return `SWR could not be reached (${error.kind})`;
  if (isSwrError(error)) {
    const detail = error.status === undefined ? error.kind : `HTTP ${String(error.status)}`;
    return `SWR could not be read (${detail})`;
  }
  return 'the sweep failed';
}

const isGone = (error: unknown) => isSwrError(error) && error.status === 404;

/** The region's row says a sweep runs since `startedAt` (no error: it has not failed). */
async function markStarted(context: SweepContext, startedAt: number): Promise<void> {
  const previous = await context.rows.regionState(context.region);
  await context.rows.putRegionState({
    region: context.region,
    status: previous?.status ?? 'ok',
    sweptAt: previous?.sweptAt ?? null,
    sweepStartedAt: startedAt,
    error: null,
    calls: previous?.calls ?? 0,
  });
}

async function indexNamespaces(context: SweepContext, at: number): Promise<void> {
  const { client, region } = context;
  const { namespaces } = await client.listNamespaces();
  const rows = [];
  for (const namespace of namespaces) {
    try {
      const access = await client.showNamespaceAuth({ params: { namespace: namespace.name } });
      const data = JSON.stringify(namespaceEntry(region, access, new Date(at).toISOString()));
      rows.push({ region, name: namespace.name, data, indexedAt: at });
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }
  await context.rows.putNamespaces(region, rows);
}

async function listRepositories(client: SwrClient): Promise<RepositorySummary[]> {
  const all: RepositorySummary[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.listReposDetails({
      query: { limit: PAGE, offset, order_column: 'name', order_type: 'asc' },
    });
    all.push(...page.items);
    if (page.items.length < PAGE || all.length >= page.total) return all;
  }
}

async function readRepository(
  client: SwrClient,
  summary: RepositorySummary,
): Promise<RepositoryReads> {
  const params = { namespace: summary.namespace, repository: summary.name };
  const [retentions, syncRepos, triggers, shares, access] = await Promise.all([
    client.listRetentions({ params }),
    client.listImageAutoSyncReposDetails({ params }),
    client.listTriggersDetails({ params }),
    client.listRepoDomains({ params }),
    client.showUserRepositoryAuth({ params }),
  ]);
  return { retentions, syncRepos, triggers, shares, access };
}

/** Reads one repository and writes its entry; false when it is gone. */
async function indexRepository(
  context: SweepContext,
  summary: RepositorySummary,
): Promise<boolean> {
  const now = context.now ?? Date.now;
  let reads: RepositoryReads;
  try {
    reads = await readRepository(context.client, summary);
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
  const at = now();
  const entry = repositoryEntry(context.region, summary, reads, new Date(at).toISOString());
  entry.syncHealth = await syncHealthOf(context.client, context.clientFor, entry, at);
  await context.rows.putRepository({
    region: context.region,
    namespace: summary.namespace,
    name: summary.name,
    data: JSON.stringify(entry),
    indexedAt: at,
  });
  return true;
}

async function indexRepositories(
  context: SweepContext,
  summaries: readonly RepositorySummary[],
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < summaries.length) {
      const summary = summaries[next];
      next += 1;
      if (summary !== undefined) await indexRepository(context, summary);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** The day's totals per organization (`YYYY-MM-DD`, UTC), from the list the sweep read. */
async function recordTotals(
  context: SweepContext,
  summaries: readonly RepositorySummary[],
  at: number,
): Promise<void> {
  const day = new Date(at).toISOString().slice(0, 10);
  const totals = new Map<string, { repositories: number; tags: number; size: number }>();
  for (const summary of summaries) {
    const total = totals.get(summary.namespace) ?? { repositories: 0, tags: 0, size: 0 };
    total.repositories += 1;
    total.tags += summary.num_images;
    total.size += summary.size;
    totals.set(summary.namespace, total);
  }
  await context.rows.putDaily(
    [...totals].map(([namespace, total]) => ({ day, region: context.region, namespace, ...total })),
  );
}

/** Reads the organizations again (after a change to one through the console). */
export function refreshNamespaces(context: SweepContext): Promise<void> {
  return indexNamespaces(context, (context.now ?? Date.now)());
}

/** Sweeps the region; rejects (after marking it `failing`) when SWR cannot be read. */
export async function sweepRegion(context: SweepContext): Promise<void> {
  const now = context.now ?? Date.now;
  const startedAt = now();
  const callsBefore = context.calls();
  await markStarted(context, startedAt);
  try {
    await indexNamespaces(context, startedAt);
    const summaries = await listRepositories(context.client);
    await indexRepositories(context, summaries);
    await context.rows.removeIndexedBefore(context.region, startedAt);
    await recordTotals(context, summaries, startedAt);
  } catch (error) {
    const state = await context.rows.regionState(context.region);
    await context.rows.putRegionState({
      region: context.region,
      status: 'failing',
      sweptAt: state?.sweptAt ?? null,
      sweepStartedAt: startedAt,
      error: sweepFailure(error),
      calls: context.calls() - callsBefore,
    });
    throw error;
  }
  await context.rows.putRegionState({
    region: context.region,
    status: 'ok',
    sweptAt: startedAt,
    sweepStartedAt: startedAt,
    error: null,
    calls: context.calls() - callsBefore,
  });
}

/**
 * Reads one repository again (after a change through the console): its entry is rewritten, or
 * removed when SWR no longer has it.
 */
export async function refreshRepository(
  context: SweepContext,
  namespace: string,
  name: string,
): Promise<void> {
  const page = await context.client.listReposDetails({
    query: { namespace, name, limit: PAGE, offset: 0 },
  });
  const summary = page.items.find((item) => item.namespace === namespace && item.name === name);
  const present = summary !== undefined && (await indexRepository(context, summary));
  if (!present) await context.rows.removeRepository(context.region, namespace, name);
}
