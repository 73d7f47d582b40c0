/**
 * The job runner (docs/decisions/0019): carries out the items of every unsettled job, on every
 * replica, each item exactly once.
 *
 * - A timer looks every few seconds for jobs not settled (`running`, `cancelling`), this
 *   replica's and those a stopped replica left: a job survives a restart.
 * - A replica drives a job while it holds the job's lease (`job:<id>`, renewed as it goes), so
 *   one replica at a time paces a job's calls.
 * - It claims a few items at a time under an item lease and settles each: an item whose holder
 *   died is claimed again after its lease ended, and checked before it is carried out again.
 * - Every call waits for the region's job pacer (`JOBS_CALLS_PER_SECOND`), apart from the users'
 *   own limits. Each item has its audit record, opened before its call is sent.
 */
import type { Logger } from 'pino';
import type { JobTarget, SwrClient } from '@swr-dashboard/swr-client';
import type { AuditTrail } from '../audit/trail';
import type { BffConfig, RegionConfig } from '../config/schema';
import { Pacer } from '../fleet/pacer';
import { protectedPatterns } from '../proxy/protected-tags';
import type { Upstream } from '../proxy/upstream';
import type { FleetRows, JobItemRow, JobItemStatus, JobRow, JobRows } from '../store/store';
import { finishedRecord, itemCompletion, itemRecord, type StoredSpec } from './records';
import { pacedClient, type AnsweredCall } from '../proxy/paced-client';
import type { ItemCall, Outcome } from './kind';
import { kindOf } from './kinds';
import { announce, finishedPayload } from './webhook';

/** How often the timer looks for unsettled jobs. */
const TICK_MS = 2000;
/**
 * A job's lease, renewed before each batch of items: short, so a replica started again after a
 * crash takes its job up within seconds. It only keeps the pace (one replica drives a job at a
 * time); the items' own leases keep each item to one holder, whoever drives.
 */
const JOB_LEASE_MS = 10_000;
/** Items claimed at a time. */
const BATCH = 10;

/** The last change SWR answered among `calls`: what an item's record names, never a read. */
function lastChange(calls: readonly AnsweredCall[]): AnsweredCall | undefined {
  return calls.findLast((call) => call.method !== 'GET');
}

export interface JobRunnerDeps {
  config: Pick<BffConfig, 'regions' | 'jobs' | 'protectedTags' | 'publicOrigin'>;
  upstream: Upstream;
  rows: JobRows;
  /** The leases that let one replica drive a job (shared with the fleet index's). */
  leases: Pick<FleetRows, 'lease' | 'release'>;
  audit: AuditTrail;
  logger: Logger;
  /** This replica, as its leases name it. */
  holder: string;
  /** The time its leases and rows are written with (tests run a replica ahead of the clock). */
  now?: () => number;
}

export class JobRunner {
  private readonly pacers = new Map<string, Pacer>();
  private readonly driving = new Map<string, Promise<void>>();
  /** Finished jobs being announced to the webhook: `close()` waits for them. */
  private readonly announcing = new Set<Promise<void>>();
  private readonly stop = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  private readonly now: () => number;

  constructor(private readonly deps: JobRunnerDeps) {
    this.now = deps.now ?? Date.now;
    for (const region of deps.config.regions) {
      this.pacers.set(region.id, new Pacer(deps.config.jobs.callsPerSecond));
    }
  }

  /** Starts the timer; the first look is at once. */
  start(): void {
    const tick = () => {
      void this.pickUp().finally(() => {
        if (!this.stop.signal.aborted) this.timer = setTimeout(tick, TICK_MS);
      });
    };
    tick();
  }

  /** Drives every unsettled job this replica is not driving yet. */
  async pickUp(): Promise<void> {
    try {
      for (const job of await this.deps.rows.active()) void this.drive(job.id);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'the job runner could not read the jobs');
    }
  }

  /** Drives the job here (or joins this replica's drive of it); settles when the drive ends. */
  drive(id: string): Promise<void> {
    let drive = this.driving.get(id);
    if (drive === undefined) {
      drive = this.leased(id)
        .catch((error: unknown) => {
          this.deps.logger.warn({ err: error, job: id }, 'a job stopped; it goes on later');
        })
        .finally(() => this.driving.delete(id));
      this.driving.set(id, drive);
    }
    return drive;
  }

  private async leased(id: string): Promise<void> {
    const name = `job:${id}`;
    const { leases, holder } = this.deps;
    if (!(await leases.lease(name, holder, this.now(), this.now() + JOB_LEASE_MS))) return;
    try {
      while (!this.stop.signal.aborted) {
        // Lost (a batch outlived the lease and another replica took the job): it drives now.
        if (!(await leases.lease(name, holder, this.now(), this.now() + JOB_LEASE_MS))) return;
        if (!(await this.step(id))) return;
      }
    } finally {
      await leases.release(name, holder);
    }
  }

  /** One batch of the job's items; false once there is nothing more to do here. */
  private async step(id: string): Promise<boolean> {
    const { rows, holder } = this.deps;
    const job = await rows.job(id);
    if (job === undefined || (job.status !== 'running' && job.status !== 'cancelling'))
      return false;
    const now = this.now();
    if (!this.pacers.has(job.region)) return this.regionGone(job);
    // A cancelling job's pending items are cancelled already: what it claims is what a stopped
    // replica left under way, to be checked and settled.
    const lease = this.deps.config.jobs.itemLeaseMs;
    const items = await rows.claim(id, holder, now, now + lease, BATCH);
    if (items.length === 0) return this.settleJob(job);
    const stored = JSON.parse(job.spec) as StoredSpec;
    const changing = new Set<number>();
    try {
      for (const [index, item] of items.entries()) {
        if (this.stop.signal.aborted) return false;
        // Cancelled meanwhile: the batch's other items are not started (a cancelling job's
        // claims are items a stopped replica left under way: those are all checked).
        const cancelled = job.status === 'running' && (await rows.job(id))?.status !== 'running';
        if (index > 0 && cancelled) return true;
        await this.carryOut(job, stored, item, () => changing.add(item.seq));
      }
      return true;
    } finally {
      await this.handBack(
        id,
        items.filter((item) => !changing.has(item.seq)),
      );
    }
  }

  /**
   * Hands back the batch's items this replica sent nothing for (stopped, cancelled, or the audit
   * trail down), so nobody waits out their lease; those it settled are not held any more.
   */
  private async handBack(id: string, items: readonly JobItemRow[]): Promise<void> {
    if (items.length === 0) return;
    const seqs = items.map((item) => item.seq);
    await this.deps.rows.release(id, seqs, this.deps.holder, this.now()).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, job: id }, 'items could not be handed back');
    });
  }

  /** A job of a region the console no longer manages cannot go on: it is cancelled. */
  private async regionGone(job: JobRow): Promise<boolean> {
    this.deps.logger.warn({ job: job.id, region: job.region }, "a job's region is not configured");
    await this.deps.rows.setStatus(job.id, 'cancelling', this.now());
    return this.settleJob({ ...job, status: 'cancelling' });
  }

  /** Marks the job settled once none of its items is pending or under way. */
  private async settleJob(job: JobRow): Promise<boolean> {
    const counts = await this.deps.rows.counts(job.id);
    if (counts.pending > 0 || counts.running > 0) return false;
    const status = job.status === 'cancelling' ? 'cancelled' : 'done';
    // Cancelled meanwhile: the next step reads the job again and settles it as cancelled.
    if (!(await this.deps.rows.setStatus(job.id, status, this.now()))) return true;
    const stored = JSON.parse(job.spec) as StoredSpec;
    await this.deps.audit
      .record(finishedRecord(job, stored, counts, status))
      .catch((error: unknown) => {
        this.deps.logger.warn({ err: error, job: job.id }, "a job's end could not be recorded");
      });
    this.announce(job, counts, status);
    return false;
  }

  /** Tells the webhook, if one is configured, without holding the runner up. */
  private announce(
    job: JobRow,
    counts: Record<JobItemStatus, number>,
    status: 'done' | 'cancelled',
  ) {
    const { webhook } = this.deps.config.jobs;
    if (webhook === undefined) return;
    const payload = finishedPayload(job, counts, status, this.deps.config.publicOrigin);
    const context = { logger: this.deps.logger, stop: this.stop.signal };
    const sending = announce(webhook, payload, context).finally(() => {
      this.announcing.delete(sending);
    });
    this.announcing.add(sending);
  }

  /** One item: its record opened, its call made (paced), its outcome settled and recorded. */
  private async carryOut(
    job: JobRow,
    stored: StoredSpec,
    item: JobItemRow,
    changing: () => void,
  ): Promise<void> {
    const target = JSON.parse(item.target) as JobTarget;
    const kind = kindOf(stored.spec);
    const call = kind.call(stored.spec, target);
    const record = await this.deps.audit.open(itemRecord(job, stored, item.seq, call));
    const calls: AnsweredCall[] = [];
    const client = pacedClient(this.clientParts(job.region), {
      starting: (method) => {
        if (method !== 'GET') changing();
      },
      answered: (answered) => calls.push(answered),
    });
    const sideChange = <T>(side: ItemCall, done: string, send: () => Promise<T>) =>
      this.sideChange(itemRecord(job, stored, item.seq, side), done, calls, send);
    let outcome: Outcome;
    try {
      outcome = await kind.carryOut(client, stored.spec, target, {
        attempts: item.attempts,
        patterns: (namespace) => protectedPatterns(this.deps.config, namespace),
        sideChange,
      });
    } catch (error) {
      // Unknown: the call may have been made. The item stays held; claimed again, it is checked.
      // Its record names the last change SWR answered for it, as a settled item's does: never
      // one of its reads, which changed nothing.
      const message = 'interrupted: the outcome is unknown; the item is checked and tried again';
      void this.deps.audit.finalize(
        record,
        itemCompletion({ status: 'failed', message }, lastChange(calls)),
      );
      throw error;
    }
    await this.settle(item, outcome, calls, record);
  }

  /**
   * A change besides the item's own, with its own record, ended with the change SWR answered.
   * Its calls are taken out of the item's (`calls`): the item's record keeps its own call.
   */
  private async sideChange<T>(
    input: Parameters<AuditTrail['open']>[0],
    done: string,
    calls: AnsweredCall[],
    send: () => Promise<T>,
  ): Promise<T> {
    const record = await this.deps.audit.open(input);
    const first = calls.length;
    const answered = () => lastChange(calls.splice(first));
    try {
      const value = await send();
      void this.deps.audit.finalize(
        record,
        itemCompletion({ status: 'done', message: done }, answered()),
      );
      return value;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      void this.deps.audit.finalize(
        record,
        itemCompletion({ status: 'failed', message }, answered()),
      );
      throw error;
    }
  }

  /** Keeps the item's outcome with the last change SWR answered, and ends its record. */
  private async settle(
    item: JobItemRow,
    outcome: Outcome,
    calls: readonly AnsweredCall[],
    record: Awaited<ReturnType<AuditTrail['open']>>,
  ): Promise<void> {
    const changed = lastChange(calls);
    const result = {
      ...outcome.result,
      requestId: changed?.requestId ?? outcome.result.requestId,
      status: changed?.status ?? outcome.result.status,
    };
    await this.deps.rows.settle(
      item,
      this.deps.holder,
      { status: outcome.status, result: JSON.stringify(result) },
      this.now(),
    );
    void this.deps.audit.finalize(
      record,
      itemCompletion({ status: outcome.status, message: result.message }, changed),
    );
  }

  /** An SWR client of the region, paced with the jobs (a preview's reads). */
  client(region: string): SwrClient {
    return pacedClient(this.clientParts(region));
  }

  private clientParts(regionId: string) {
    const region = this.deps.config.regions.find((candidate) => candidate.id === regionId);
    const pacer = this.pacers.get(regionId);
    if (region === undefined || pacer === undefined) throw new Error(`no region ${regionId}`);
    return {
      upstream: this.deps.upstream,
      region: region satisfies RegionConfig,
      pacer,
      stop: this.stop.signal,
    };
  }

  /** Stops the timer and the drives (their next call fails at once), and waits for them. */
  async close(): Promise<void> {
    this.stop.abort();
    clearTimeout(this.timer);
    await Promise.allSettled([...this.driving.values(), ...this.announcing]);
  }
}
