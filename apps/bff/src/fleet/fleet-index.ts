/**
 * The fleet index (issue 15, docs/decisions/0016): the account's organizations and repositories,
 * per region, kept in the BFF's store and swept again in the background, so account-wide views
 * cost one BFF call and no SWR call.
 *
 * - **Sweeps** run on a timer: a region is due once its last sweep started `FLEET_SWEEP_INTERVAL`
 *   ago (a failed one is tried again after a minute at most). A replica sweeps a region only while
 *   it holds that region's lease in the store, so replicas sharing a database sweep once between
 *   them; the lease is renewed while the sweep runs and given up after it.
 * - **Refreshes**: a change made through the console re-reads what it changed at once (the
 *   repository, or the organizations), on the replica that made it.
 * - **Pacing**: every call of a region, sweeps and refreshes together, waits for the region's
 *   pacer (`FLEET_CALLS_PER_SECOND`).
 * - **Reads** never wait for a sweep: they answer what the store holds, with each region's
 *   freshness, filtered by the user's organization scopes.
 */
import {
  namespaceAllowed,
  type FleetResponse,
  type FleetSearchResponse,
  type FleetUsageResponse,
  type SwrClient,
} from '@swr-dashboard/swr-client';
import type { Logger } from 'pino';
import type { Identity } from '../auth/identity';
import type { BffConfig, RegionConfig } from '../config/schema';
import type { Routed } from '../proxy/route';
import type { Upstream } from '../proxy/upstream';
import type { FleetRegionRow, FleetRows } from '../store/store';
import { Pacer } from './pacer';
import { RefreshQueue } from './refresh-queue';
import { pacedClient } from '../proxy/paced-client';
import { best, matchRank, searchWords, type Ranked } from './search';
import { refreshNamespaces, refreshRepository, sweepRegion, type SweepContext } from './sweep';

/** How often the timer looks for a due region. */
const TICK_MS = 5000;
/** How long a lease lasts without renewal; renewed every third of it while a sweep runs. */
const LEASE_MS = 60_000;
/** A failed sweep is tried again after this, or the interval when that is shorter. */
const RETRY_FAILED_MS = 60_000;

/** A region's client, its pacer's count of calls, the sweep under way here, its refreshes. */
class RegionWork {
  calls = 0;
  sweeping: Promise<void> | undefined;
  readonly client: SwrClient;
  readonly refreshes: RefreshQueue;

  constructor(
    readonly config: RegionConfig,
    upstream: Upstream,
    callsPerSecond: number,
    logger: Logger,
    stop: AbortSignal,
  ) {
    const pacer = new Pacer(callsPerSecond);
    const parts = { upstream, region: config, pacer, stop, readOnly: true };
    this.client = pacedClient(parts, {
      starting: () => {
        this.calls += 1;
      },
    });
    this.refreshes = new RefreshQueue((key, error) => {
      logger.warn({ region: config.id, key, err: error }, 'a fleet index refresh failed');
    });
  }
}

export interface FleetIndexDeps {
  config: Pick<BffConfig, 'regions' | 'fleet'>;
  upstream: Upstream;
  rows: FleetRows;
  logger: Logger;
  /** This replica, as its leases name it. */
  holder: string;
}

export class FleetIndex {
  private readonly regions = new Map<string, RegionWork>();
  private timer: NodeJS.Timeout | undefined;
  private readonly stop = new AbortController();

  constructor(private readonly deps: FleetIndexDeps) {
    for (const region of deps.config.regions) {
      const work = new RegionWork(
        region,
        deps.upstream,
        deps.config.fleet.callsPerSecond,
        deps.logger,
        this.stop.signal,
      );
      this.regions.set(region.id, work);
    }
  }

  /** Starts the timer (unless the index is off); the first look is at once. */
  start(): void {
    if (!this.deps.config.fleet.enabled) return;
    const tick = () => {
      void this.sweepDue().finally(() => {
        if (!this.stop.signal.aborted) this.timer = setTimeout(tick, TICK_MS);
      });
    };
    tick();
  }

  private context(work: RegionWork): SweepContext {
    return {
      region: work.config.id,
      client: work.client,
      clientFor: (region) => this.regions.get(region)?.client,
      rows: this.deps.rows,
      calls: () => work.calls,
    };
  }

  private isDue(work: RegionWork, state: FleetRegionRow | undefined, now: number): boolean {
    // More changes came than the refreshes could queue: a sweep reads them all.
    if (work.refreshes.takeOverflow()) return true;
    if (state === undefined || state.sweepStartedAt === null) return true;
    const interval = this.deps.config.fleet.sweepIntervalMs;
    const wait = state.status === 'failing' ? Math.min(interval, RETRY_FAILED_MS) : interval;
    return now - state.sweepStartedAt >= wait;
  }

  /** Sweeps every region that is due and whose lease this replica gets; resolves when done. */
  async sweepDue(): Promise<void> {
    await Promise.all(
      [...this.regions.values()].map(async (work) => {
        if (work.sweeping !== undefined || this.stop.signal.aborted) return;
        const state = await this.deps.rows.regionState(work.config.id);
        if (this.isDue(work, state, Date.now())) await this.sweep(work);
      }),
    ).catch((error: unknown) => {
      this.deps.logger.warn({ err: error }, 'the fleet index could not check its regions');
    });
  }

  /**
   * Sweeps a region now, due or not (after the sweep under way here, if any); resolves when it
   * is done, whether it succeeded or failed. Nothing when another replica holds the lease.
   */
  async sweepNow(region: string): Promise<void> {
    const work = this.regions.get(region);
    if (work === undefined) throw new Error(`no region ${region}`);
    await work.sweeping;
    await this.sweep(work);
  }

  /** The region's sweep: the one under way here, or a new one. */
  private sweep(work: RegionWork): Promise<void> {
    work.sweeping ??= this.leasedSweep(work).finally(() => {
      work.sweeping = undefined;
    });
    return work.sweeping;
  }

  /** One sweep under the region's lease (nothing when another replica holds it). */
  private async leasedSweep(work: RegionWork): Promise<void> {
    const lease = `fleet-sweep:${work.config.id}`;
    const { rows, holder, logger } = this.deps;
    const now = Date.now();
    if (!(await rows.lease(lease, holder, now, now + LEASE_MS))) return;
    const renew = setInterval(() => {
      const at = Date.now();
      void rows.lease(lease, holder, at, at + LEASE_MS).catch(() => undefined);
    }, LEASE_MS / 3);
    const started = work.calls;
    try {
      await sweepRegion(this.context(work));
      logger.info({ region: work.config.id, calls: work.calls - started }, 'fleet index swept');
    } catch (error) {
      logger.warn({ region: work.config.id, err: error }, 'a fleet index sweep failed');
    } finally {
      clearInterval(renew);
      await rows.release(lease, holder).catch(() => undefined);
    }
  }

  /**
   * A change made through the console: re-reads the repository it named, or the organizations,
   * in the background, once per repository however many changes came meanwhile (refresh-queue.ts).
   * A failure leaves the entry to the next sweep.
   */
  changed(region: string, namespace: string | undefined, repository: string | undefined): void {
    const work = this.regions.get(region);
    if (work === undefined || namespace === undefined || this.stop.signal.aborted) return;
    if (!this.deps.config.fleet.enabled) return;
    const context = this.context(work);
    if (repository === undefined) {
      work.refreshes.add('organizations', () => refreshNamespaces(context));
    } else {
      const key = `${namespace}/${repository}`;
      work.refreshes.add(key, () => refreshRepository(context, namespace, repository));
    }
  }

  /** Resolves once no refresh runs or waits in any region (for tests and a clean stop). */
  async refreshed(): Promise<void> {
    await Promise.all([...this.regions.values()].map((work) => work.refreshes.idle()));
  }

  /** A change SWR accepted through the proxy: re-reads what it changed. */
  changedThrough(routed: Routed): void {
    const { namespace, repository } = changedTarget(routed);
    this.changed(routed.region.id, namespace, repository);
  }

  /** What `identity` may see of the index: one region, or all. */
  async read(identity: Identity, region?: string): Promise<FleetResponse> {
    const ids = region === undefined ? [...this.regions.keys()] : [region];
    const visible = (entry: { namespace?: string; name: string }) =>
      namespaceAllowed(identity.scopes, entry.namespace ?? entry.name);
    const answer: FleetResponse = {
      ownAccounts: this.deps.config.fleet.ownAccounts,
      regions: [],
      namespaces: [],
      repositories: [],
    };
    for (const id of ids) {
      const [state, namespaces, repositories] = await Promise.all([
        this.deps.rows.regionState(id),
        this.deps.rows.namespaces(id),
        this.deps.rows.repositories(id),
      ]);
      answer.regions.push(regionFreshness(id, state, this.regions.get(id)?.sweeping));
      for (const row of namespaces) {
        const entry = JSON.parse(row.data) as FleetResponse['namespaces'][number];
        if (visible(entry)) answer.namespaces.push(entry);
      }
      for (const row of repositories) {
        const entry = JSON.parse(row.data) as FleetResponse['repositories'][number];
        if (visible(entry)) answer.repositories.push(entry);
      }
    }
    return answer;
  }

  /**
   * The organizations and repositories `identity` may see whose names match `text`, best first
   * (fleet/search.ts), at most `limit` of each; every region, those of `inView` first among equals.
   */
  async search(
    identity: Identity,
    text: string,
    options: { inView?: string; limit: number },
  ): Promise<FleetSearchResponse> {
    const words = searchWords(text);
    const namespaces: Ranked<FleetSearchResponse['namespaces'][number]>[] = [];
    const repositories: Ranked<FleetSearchResponse['repositories'][number]>[] = [];
    const regions = await Promise.all(
      [...this.regions.keys()].map(async (region) => {
        const [state, namespaceRows, repositoryRows] = await Promise.all([
          this.deps.rows.regionState(region),
          this.deps.rows.namespaces(region),
          this.deps.rows.repositoryNames(region),
        ]);
        for (const { name } of namespaceRows) {
          if (!namespaceAllowed(identity.scopes, name)) continue;
          const rank = matchRank(words, name, name);
          if (rank !== undefined)
            namespaces.push({ item: { region, name }, rank, region, path: name });
        }
        for (const { namespace, name } of repositoryRows) {
          if (!namespaceAllowed(identity.scopes, namespace)) continue;
          const path = `${namespace}/${name}`;
          const rank = matchRank(words, name, path);
          const item = { region, namespace, name };
          if (rank !== undefined) repositories.push({ item, rank, region, path });
        }
        return regionFreshness(region, state, this.regions.get(region)?.sweeping);
      }),
    );
    return {
      namespaces: best(namespaces, options.inView, options.limit),
      repositories: best(repositories, options.inView, options.limit),
      totals: { namespaces: namespaces.length, repositories: repositories.length },
      regions,
    };
  }

  /** The daily totals of the organizations `identity` may see, from `fromDay` (`YYYY-MM-DD`). */
  async usage(identity: Identity, fromDay: string, region?: string): Promise<FleetUsageResponse> {
    const ids = region === undefined ? [...this.regions.keys()] : [region];
    const rows = await Promise.all(ids.map((id) => this.deps.rows.daily(id, fromDay)));
    return {
      days: rows.flat().filter((row) => namespaceAllowed(identity.scopes, row.namespace)),
    };
  }

  /** Stops the timer, the sweeps under way (their next call fails at once), and waits for them. */
  async close(): Promise<void> {
    this.stop.abort();
    clearTimeout(this.timer);
    for (const work of this.regions.values()) work.refreshes.clear();
    await this.refreshed();
    await Promise.allSettled([...this.regions.values()].flatMap((work) => work.sweeping ?? []));
  }
}

function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

function regionFreshness(
  id: string,
  state: FleetRegionRow | undefined,
  sweeping: Promise<void> | undefined,
): FleetResponse['regions'][number] {
  const running = sweeping !== undefined || (state !== undefined && isRunning(state));
  const never = state === undefined || (state.sweptAt === null && state.status === 'ok');
  return {
    id,
    status: never ? 'never' : state.status,
    sweptAt: iso(state?.sweptAt),
    sweeping: running ? iso(state?.sweepStartedAt) : null,
    error: state?.error ?? null,
  };
}

/**
 * A sweep started on some replica and neither done (its start is the sweep time) nor failed (a
 * failure leaves its reason); one started longer ago than any sweep lasts is taken as stopped.
 */
function isRunning(state: FleetRegionRow): boolean {
  if (state.sweepStartedAt === null || state.sweepStartedAt === state.sweptAt) return false;
  return state.error === null && Date.now() - state.sweepStartedAt < 10 * LEASE_MS;
}

/** What a change through the proxy changed, as the index keys it: its organization, repository. */
function changedTarget(routed: Routed): { namespace?: string; repository?: string } {
  const body =
    typeof routed.body === 'object' && routed.body !== null
      ? (routed.body as Record<string, unknown>)
      : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const namespace = routed.params.namespace ?? text(body.namespace);
  const repository = routed.params.repository ?? text(body.repository);
  return {
    ...(namespace === undefined ? {} : { namespace }),
    ...(repository === undefined ? {} : { repository }),
  };
}
