/**
 * What the tests of the jobs' kinds share, against the real emulator: SWR's own view (a client
 * signed with the demo key, straight to the emulator: to set things up as a pipeline or another
 * console would, and to read back what a job did), pushes, new repositories, the jobs API as a
 * browser calls it, jobs written straight into the store (as a replica would, optionally with
 * every item held by a replica that died), the writes SWR received, and a job's audit records.
 */
import { DEMO_CREDENTIALS, PUSH_PATH, stableId } from '@swr-dashboard/emulator';
import {
  auditListResponse,
  createSignedTransport,
  createSwrClient,
  jobItemsEndpoint,
  jobSummary,
  signRequest,
  type AuditListResponse,
  type JobItemOf,
  type JobKind,
  type JobPreviewOf,
  type JobSpec,
  type JobSummary,
  type SwrClient,
} from '@swr-dashboard/swr-client';
import { expect } from 'vitest';
import { itemsAnswer, previewAnswer } from './job-answers';
import type { Browser, Stack } from './stack';

export const REGION = 'cn-north-4';
/** The region's `prod` cluster (the demo seed's). */
export const PROD = stableId('cluster', REGION, 'prod');
const DAY = 24 * 60 * 60 * 1000;

export type AuditEntry = AuditListResponse['items'][number];

/** A UTC time `days` from now, to the second, as SWR takes a share's end. */
export function inDays(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
}

export class KindJobs {
  /** SWR's own view of the demo account in the job's region. */
  readonly swr: SwrClient;
  private repositories = 0;

  constructor(
    readonly stack: Stack,
    readonly admin: Browser,
    private readonly prefix: string,
  ) {
    this.swr = this.clientOf(REGION);
  }

  clientOf(region: string): SwrClient {
    const running = this.stack.emulator.regions.find((candidate) => candidate.id === region);
    if (running === undefined) throw new Error(`no region ${region}`);
    return createSwrClient(
      createSignedTransport({
        endpoint: running.url,
        credentials: {
          ...DEMO_CREDENTIALS,
          projectId: this.stack.emulator.projectId('demo-ops', region),
        },
      }),
    );
  }

  /** A new, empty repository in `payments` (named `<prefix>-<n><suffix>`). */
  async newRepository(suffix = ''): Promise<string> {
    this.repositories += 1;
    const repository = `${this.prefix}-${String(this.repositories)}${suffix}`;
    await this.swr.createRepo({
      params: { namespace: 'payments' },
      body: { repository, is_public: false, category: 'other', description: '' },
    });
    return repository;
  }

  /**
   * A trigger in a `payments` repository rolling a deployment on the region's `prod` cluster
   * (namespace and workload as given), enabled unless told.
   */
  async prodTrigger(
    repository: string,
    name: string,
    where: { namespace: string; application: string; enable?: boolean },
  ): Promise<void> {
    await this.swr.createTrigger({
      params: { namespace: 'payments', repository },
      body: {
        action: 'update',
        name,
        trigger_type: 'all',
        condition: '.*',
        trigger_mode: 'cce',
        cluster_id: PROD,
        cluster_ns: where.namespace,
        app_type: 'deployments',
        application: where.application,
        enable: where.enable === false ? 'false' : 'true',
      },
    });
  }

  /** A signed push straight to the emulator (a CI pipeline's): the tag's digest. */
  async push(repository: string, tag: string, daysAgo: number): Promise<string> {
    const region = this.stack.emulator.regions.find((candidate) => candidate.id === REGION);
    if (region === undefined) throw new Error('no region');
    const created = new Date(Date.now() - daysAgo * DAY).toISOString().replace(/\.\d+Z$/, '.000Z');
    const body = JSON.stringify({ namespace: 'payments', repository, tag, created });
    const url = `${region.url}${PUSH_PATH}`;
    const headers = signRequest({
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json' },
      body,
      credentials: DEMO_CREDENTIALS,
    });
    const reply = await fetch(url, { method: 'POST', headers, body });
    const text = await reply.text();
    expect(reply.status, text).toBe(200);
    return (JSON.parse(text) as { digest: string }).digest;
  }

  /** The repository's tag names, sorted, as SWR has them. */
  async tagsOf(repository: string): Promise<string[]> {
    const page = await this.swr.listRepositoryTags({
      params: { namespace: 'payments', repository },
      query: { limit: 100, offset: 0 },
    });
    return page.items.map((entry) => entry.Tag).sort();
  }

  async preview<S extends JobSpec>(browser: Browser, spec: S): Promise<JobPreviewOf<S['kind']>> {
    const reply = await browser.request('POST', '/api/jobs/preview', { json: spec });
    expect(reply.status, reply.text).toBe(200);
    return previewAnswer<S['kind']>(reply.json, spec.kind);
  }

  /** Starts the job through the API, confirmed with `count`. */
  async start(browser: Browser, spec: JobSpec, count: number): Promise<JobSummary> {
    const reply = await browser.request('POST', '/api/jobs', {
      json: { spec, confirm: { count } },
    });
    expect(reply.status, reply.text).toBe(201);
    return jobSummary.parse(reply.json);
  }

  async job(id: string): Promise<JobSummary> {
    const reply = await this.admin.get(`/api/jobs/${id}`);
    expect(reply.status, reply.text).toBe(200);
    return jobSummary.parse(reply.json);
  }

  async items<K extends JobKind>(id: string, kind: K): Promise<JobItemOf<K>[]> {
    const reply = await this.admin.get(`${jobItemsEndpoint.path.replace(':id', id)}?limit=1000`);
    expect(reply.status, reply.text).toBe(200);
    return itemsAnswer(reply.json, kind);
  }

  /**
   * Writes a job straight into the store, as a replica would have (owned by `ownerKey`), while
   * the test holds its lease so that no runner takes it up meanwhile; with `heldByTheDead`, a
   * replica took every item and died (each is claimed again as its second attempt); with
   * `cancelled`, it was cancelled before any item started (a drive then settles it); with
   * `keepLease`, the test goes on holding the job's lease (and releases it itself).
   */
  async writeJob(
    id: string,
    spec: JobSpec,
    items: readonly object[],
    options: {
      heldByTheDead?: boolean;
      cancelled?: boolean;
      keepLease?: boolean;
      ownerKey?: string;
    } = {},
  ): Promise<void> {
    const { jobs, fleet } = this.stack.bff.store;
    expect(await fleet.lease(`job:${id}`, 'test', Date.now(), Date.now() + 60_000)).toBe(true);
    try {
      await jobs.create(
        {
          id,
          kind: spec.kind,
          region: spec.region,
          ownerKey: options.ownerKey ?? 'k',
          ownerName: 'Ada Admin',
          spec: JSON.stringify({ spec, actor: null }),
          createdAt: Date.now(),
        },
        items.map((item) => JSON.stringify(item)),
      );
      if (options.heldByTheDead === true) {
        const past = Date.now() - 60_000;
        const held = await jobs.claim(id, 'dead-replica', past, past + 1000, items.length);
        expect(held).toHaveLength(items.length);
      }
      if (options.cancelled === true) {
        expect(await jobs.setStatus(id, 'cancelling', Date.now())).toBe(true);
      }
    } finally {
      if (options.keepLease !== true) await fleet.release(`job:${id}`, 'test');
    }
  }

  /** Drives the job here until it is settled. */
  async drive(id: string): Promise<void> {
    await this.stack.bff.jobs.drive(id);
  }

  /** A mark in SWR's log: `writesSince` reads what came after it. */
  mark(): number {
    return this.stack.upstreamLog.length;
  }

  /** The changes SWR received since the mark (`<METHOD> <path>`), reads left out. */
  writesSince(mark: number): string[] {
    return this.stack.upstreamLog
      .slice(mark)
      .map((line) => line.split(' '))
      .filter(([, method]) => method !== 'GET')
      .map(([, method, path]) => `${String(method)} ${String(path)}`);
  }

  /**
   * The job's audit records, oldest first: those the job writes (its items', its end's, naming
   * it in their parameters) and those of the requests about it (its creation, cancel and
   * resume, naming it in their reason).
   */
  async records(id: string): Promise<AuditEntry[]> {
    const reply = await this.admin.get('/api/audit?limit=500');
    expect(reply.status, reply.text).toBe(200);
    const named = (reason: string | null) =>
      reason === `job ${id}` || (reason?.startsWith(`job ${id}:`) ?? false);
    return auditListResponse
      .parse(reply.json)
      .items.filter((record) => record.request.params.id === id || named(record.reason))
      .reverse();
  }
}
