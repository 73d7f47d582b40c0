/**
 * Server-side jobs (issue 16) against the real emulator: a tag clean-up previewed (what goes,
 * what stays and why), started only with the count the user saw, carried out paced on the
 * server with each item's audit record and SWR request id, cancelled, and picked up again after
 * a replica died holding some of its items (each checked, none deleted twice). Only the owner
 * and admins see a job; every organization it names is authorized.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_CREDENTIALS, PUSH_PATH } from '@swr-dashboard/emulator';
import {
  jobItemsEndpoint,
  jobSummary,
  signRequest,
  type AuditListResponse,
  type JobSummary,
  type TagCleanupSpec,
} from '@swr-dashboard/swr-client';
import { startPostgres, type TestPostgres } from '@swr-dashboard/test-support';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../src/jobs/runner';
import { Upstream } from '../src/proxy/upstream';
import { openStore } from '../src/store/open';
import type { BffStore, JobRows } from '../src/store/store';
import { eventually } from './support/eventually';
import { itemsAnswer, previewAnswer } from './support/job-answers';
import { startStack, type Browser, type Stack } from './support/stack';

const quiet = pino({ level: 'silent' });

const REGION = 'cn-north-4';
const DAY = 24 * 60 * 60 * 1000;

/**
 * Writes a job straight into the store, as a replica would have written it: owned by the demo
 * admin, with these items.
 */
function writeJob(jobs: JobRows, id: string, body: TagCleanupSpec, items: readonly object[]) {
  return jobs.create(
    {
      id,
      kind: 'tag-cleanup',
      region: body.region,
      ownerKey: 'k',
      ownerName: 'Ada Admin',
      spec: JSON.stringify({ spec: body, actor: null }),
      createdAt: Date.now(),
    },
    items.map((item) => JSON.stringify(item)),
  );
}

describe('server-side jobs', { timeout: 60_000 }, () => {
  let stack: Stack;
  let admin: Browser;
  let repoCount = 0;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        JOBS_CALLS_PER_SECOND: '40',
        JOBS_CONFIRM_ABOVE: '5',
        JOBS_MAX_ITEMS: '45',
        PROTECTED_TAGS: 'latest',
      },
    });
    admin = stack.browser();
    await admin.signInDemo('ada-admin');
  });
  afterAll(async () => {
    await stack.close();
  });

  /** A signed push straight to the emulator (a CI pipeline's, not the console's). */
  const push = async (namespace: string, repository: string, tag: string, daysAgo: number) => {
    const region = stack.emulator.regions.find((candidate) => candidate.id === REGION);
    if (region === undefined) throw new Error('no region');
    const body = JSON.stringify({
      namespace,
      repository,
      tag,
      created: new Date(Date.now() - daysAgo * DAY + DAY / 2)
        .toISOString()
        .replace(/\.\d+Z$/, '.000Z'),
    });
    const url = `${region.url}${PUSH_PATH}`;
    const headers = signRequest({
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json' },
      body,
      credentials: DEMO_CREDENTIALS,
    });
    const reply = await fetch(url, { method: 'POST', headers, body });
    expect(reply.status, await reply.text()).toBe(200);
  };

  /** A new repository in `payments` with tags `t0`… (`tN` pushed 100 − N days ago less 12 hours) and `latest`. */
  const repositoryWith = async (count: number): Promise<string> => {
    repoCount += 1;
    const name = `jobs-${String(repoCount)}`;
    const created = await admin.request(
      'POST',
      `/api/swr/${REGION}/v2/manage/namespaces/payments/repos`,
      {
        json: { repository: name, is_public: false, category: 'other', description: '' },
      },
    );
    expect(created.status, created.text).toBe(201);
    for (let index = 0; index < count; index += 1)
      await push('payments', name, `t${String(index)}`, 100 - index);
    await push('payments', name, 'latest', 0.5);
    return name;
  };

  const tagsOf = async (repository: string) => {
    const reply = await admin.get(
      `/api/swr/${REGION}/v2/manage/namespaces/payments/repos/${repository}/tags?limit=100&offset=0`,
    );
    expect(reply.status, reply.text).toBe(200);
    return (reply.json as { Tag: string }[]).map((tag) => tag.Tag).sort();
  };

  const spec = (repositories: string[], rule: TagCleanupSpec['rule']): TagCleanupSpec => ({
    kind: 'tag-cleanup',
    region: REGION,
    repositories: repositories.map((repository) => ({ namespace: 'payments', repository })),
    rule,
  });

  const previewOf = async (browser: Browser, body: TagCleanupSpec) => {
    const reply = await browser.request('POST', '/api/jobs/preview', { json: body });
    expect(reply.status, reply.text).toBe(200);
    return previewAnswer(reply.json);
  };

  const start = async (body: TagCleanupSpec, count: number) => {
    const reply = await admin.request('POST', '/api/jobs', {
      json: { spec: body, confirm: { count } },
    });
    expect(reply.status, reply.text).toBe(201);
    return jobSummary.parse(reply.json);
  };

  const itemsOf = async (id: string) => {
    const reply = await admin.get(`${jobItemsEndpoint.path.replace(':id', id)}?limit=1000`);
    expect(reply.status, reply.text).toBe(200);
    return itemsAnswer(reply.json);
  };

  const jobOf = async (id: string): Promise<JobSummary> => {
    const reply = await admin.get(`/api/jobs/${id}`);
    expect(reply.status, reply.text).toBe(200);
    return jobSummary.parse(reply.json);
  };

  it('previews exactly what goes, oldest first, and what stays and why', async () => {
    const repository = await repositoryWith(6);
    const preview = await previewOf(admin, spec([repository], { pattern: '*', keepNewest: 2 }));
    // Newest first are latest, t5, t4…: the two newest stay (latest is protected anyway).
    expect(preview.items.map((item) => item.tag)).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(preview.kept).toEqual([
      { namespace: 'payments', repository, tag: 'latest', reason: 'protected', pattern: 'latest' },
      { namespace: 'payments', repository, tag: 't5', reason: 'newest' },
    ]);
    expect(preview.confirmAbove).toBe(5);
    const old = await previewOf(admin, spec([repository], { olderThanDays: 97 }));
    expect(old.items.map((item) => item.tag)).toEqual(['t0', 't1', 't2']);
    const chosen = await previewOf(admin, spec([repository], { tags: ['t4', 'latest', 'nope'] }));
    expect(chosen.items.map((item) => item.tag)).toEqual(['t4']);
  });

  it('refuses a rule that names nothing, and organizations the user may not change', async () => {
    const everything = await admin.request('POST', '/api/jobs/preview', { json: spec(['x'], {}) });
    expect(everything.status).toBe(400);
    expect(everything.json).toMatchObject({ code: 'invalid_parameter' });
    const viewer = stack.browser();
    await viewer.signInDemo('vera-viewer');
    const refused = await viewer.request('POST', '/api/jobs/preview', {
      json: spec(['x'], { pattern: 'a*' }),
    });
    expect(refused.status).toBe(403);
    const pat = stack.browser();
    await pat.signInDemo('pat-payments');
    const other = spec(['x'], { pattern: 'a*' });
    const outside = await pat.request('POST', '/api/jobs/preview', {
      json: {
        ...other,
        repositories: [...other.repositories, { namespace: 'platform', repository: 'nginx' }],
      },
    });
    expect(outside.status).toBe(403);
  });

  it('starts only with the count the user saw, then deletes each item once, recorded', async () => {
    const repository = await repositoryWith(8);
    const body = spec([repository], { pattern: 't*' });
    const { items } = await previewOf(admin, body);
    expect(items).toHaveLength(8);
    const stale = await admin.request('POST', '/api/jobs', {
      json: { spec: body, confirm: { count: 7 } },
    });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ code: 'preview_changed' });

    const before = stack.upstreamLog.length;
    const job = await start(body, 8);
    expect(job).toMatchObject({ total: 8, owner: 'Ada Admin', spec: body });
    await stack.bff.jobs.drive(job.id);
    expect(await jobOf(job.id)).toMatchObject({
      status: 'done',
      counts: { done: 8, failed: 0, pending: 0 },
    });
    expect(await tagsOf(repository)).toEqual(['latest']);
    const deletes = stack.upstreamLog.slice(before).filter((line) => line.includes(' DELETE '));
    expect(deletes).toHaveLength(8);

    const settled = await itemsOf(job.id);
    expect(settled.map((item) => [item.target.tag, item.status, item.attempts])).toEqual(
      items.map((item) => [item.tag, 'done', 1]),
    );
    expect(settled.every((item) => /^[0-9a-f-]{36}$/.test(item.result?.requestId ?? ''))).toBe(
      true,
    );
    const audit = await admin.get('/api/audit?namespace=payments&limit=100');
    const ofJob = (audit.json as AuditListResponse).items.filter(
      (record) => record.request.params.id === job.id,
    );
    expect(ofJob.filter((record) => record.event === 'swr.deleteRepoTag')).toHaveLength(8);
    expect(ofJob.find((record) => record.event === 'swr.deleteRepoTag')).toMatchObject({
      outcome: 'success',
      actor: { name: 'Ada Admin' },
      resource: { type: 'tag', namespace: 'payments', name: repository },
      upstream: { method: 'DELETE', status: 204 },
    });
    expect(ofJob.find((record) => record.event === 'job.done')).toMatchObject({
      outcome: 'success',
      reason: '8 done, 0 failed, 0 cancelled of 8',
    });
    const created = (await admin.get('/api/audit?namespace=payments&limit=100'))
      .json as AuditListResponse;
    expect(
      created.items.find(
        (record) =>
          record.event === 'job.created' &&
          JSON.stringify(record.request.body) === JSON.stringify({ spec: body, total: 8 }),
      ),
    ).toMatchObject({ outcome: 'success', reason: `job ${job.id}` });
  });

  it('cancels what has not started; the items under way finish', async () => {
    const repository = await repositoryWith(40);
    const body = spec([repository], { pattern: 't*' });
    const job = await start(body, 40);
    const cancelled = await admin.request('POST', `/api/jobs/${job.id}/cancel`);
    expect(cancelled.status, cancelled.text).toBe(200);
    await stack.bff.jobs.drive(job.id);
    const after = await jobOf(job.id);
    expect(after.status).toBe('cancelled');
    expect(after.counts.cancelled).toBeGreaterThan(0);
    expect(after.counts.done + after.counts.cancelled).toBe(40);
    expect((await tagsOf(repository)).length).toBe(after.counts.cancelled + 1);
  });

  it('takes up the items a dead replica held, checking each: none is deleted twice', async () => {
    const repository = await repositoryWith(5);
    const body = spec([repository], { pattern: 't*' });
    const { items } = await previewOf(admin, body);
    const { jobs } = stack.bff.store;
    // A replica wrote the job, took three items and died; it had deleted t0 already.
    await writeJob(jobs, `dead-${repository}`, body, items);
    const past = Date.now() - 60_000;
    expect(
      await jobs.claim(`dead-${repository}`, 'dead-replica', past, past + 1000, 3),
    ).toHaveLength(3);
    const gone = await admin.request(
      'DELETE',
      `/api/swr/${REGION}/v2/manage/namespaces/payments/repos/${repository}/tags/t0`,
    );
    expect(gone.status).toBe(204);

    const before = stack.upstreamLog.length;
    await stack.bff.jobs.drive(`dead-${repository}`);
    const settled = await jobs.items(`dead-${repository}`, undefined, 0, 10);
    expect(settled.map((item) => [item.status, item.attempts])).toEqual([
      ['done', 2],
      ['done', 2],
      ['done', 2],
      ['done', 1],
      ['done', 1],
    ]);
    expect(JSON.parse(settled[0]?.result ?? '{}')).toMatchObject({
      message: expect.stringMatching(/^already gone/) as unknown,
    });
    const deletes = stack.upstreamLog.slice(before).filter((line) => line.includes(' DELETE '));
    expect(deletes).toHaveLength(4);
    expect(await tagsOf(repository)).toEqual(['latest']);
  });

  it('shows a job to its owner and admins only', async () => {
    const repository = await repositoryWith(1);
    const job = await start(spec([repository], { pattern: 't*' }), 1);
    await stack.bff.jobs.drive(job.id);
    const otto = stack.browser();
    await otto.signInDemo('otto-operator');
    expect((await otto.get(`/api/jobs/${job.id}`)).status).toBe(404);
    expect((await otto.request('POST', `/api/jobs/${job.id}/cancel`)).status).toBe(404);
    expect((await otto.get('/api/jobs?all=1')).status).toBe(403);
    expect(((await otto.get('/api/jobs')).json as { jobs: unknown[] }).jobs).toEqual([]);
    const mine = (await admin.get('/api/jobs')).json as { jobs: JobSummary[] };
    expect(mine.jobs.map((entry) => entry.id)).toContain(job.id);
  });

  it('refuses a job larger than one may be, and leaves a tag protected since its preview', async () => {
    const large = await repositoryWith(46);
    const refused = await admin.request('POST', '/api/jobs/preview', {
      json: spec([large], { pattern: 't*' }),
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json).toMatchObject({ code: 'job_too_large' });

    // A job written before `latest` was protected (its items include it): it is left alone.
    const repository = await repositoryWith(1);
    const body = spec([repository], { pattern: '*' });
    const { items } = await previewOf(admin, body);
    const latest = { ...items[0], tag: 'latest' };
    const id = `protected-${repository}`;
    await writeJob(stack.bff.store.jobs, id, body, [...items, latest]);
    await stack.bff.jobs.drive(id);
    const settled = await stack.bff.store.jobs.items(id, undefined, 0, 10);
    expect(settled.map((item) => item.status)).toEqual(['done', 'failed']);
    expect(JSON.parse(settled[1]?.result ?? '{}')).toMatchObject({
      message: 'protected by latest since the preview: left alone',
    });
    expect(await tagsOf(repository)).toEqual(['latest']);
  });

  it('retries the failed items of a finished job as a new job, with their confirmed count', async () => {
    const repository = await repositoryWith(2);
    const body = spec([repository], { pattern: 't*' });
    const { items } = await previewOf(admin, body);
    const id = `retried-${repository}`;
    const { jobs, fleet } = stack.bff.store;
    // Held by a replica of the test's own until it lets go: the job stays running meanwhile.
    expect(await fleet.lease(`job:${id}`, 'test', Date.now(), Date.now() + 60_000)).toBe(true);
    await writeJob(jobs, id, body, [...items, { ...items[0], tag: 'latest' }]);
    const early = await admin.request('POST', `/api/jobs/${id}/retry`, {
      json: { confirm: { count: 1 } },
    });
    expect(early.status).toBe(409);
    expect(early.json).toMatchObject({ code: 'job_not_finished' });
    await fleet.release(`job:${id}`, 'test');
    await stack.bff.jobs.drive(id);
    expect(await jobs.counts(id)).toMatchObject({ done: 2, failed: 1 });

    const stale = await admin.request('POST', `/api/jobs/${id}/retry`, {
      json: { confirm: { count: 2 } },
    });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ code: 'preview_changed' });
    const retried = await admin.request('POST', `/api/jobs/${id}/retry`, {
      json: { confirm: { count: 1 } },
    });
    expect(retried.status, retried.text).toBe(201);
    const again = jobSummary.parse(retried.json);
    expect(again).toMatchObject({ total: 1, owner: 'Ada Admin', spec: body });
    expect((await itemsOf(again.id)).map((item) => item.target.tag)).toEqual(['latest']);
    const otto = stack.browser();
    await otto.signInDemo('otto-operator');
    expect(
      (await otto.request('POST', `/api/jobs/${id}/retry`, { json: { confirm: { count: 1 } } }))
        .status,
    ).toBe(404);
  });

  it('hands back the items a stopping runner sent nothing for: nobody waits out their lease', async () => {
    const repository = await repositoryWith(10);
    const body = spec([repository], { pattern: 't*' });
    const { items } = await previewOf(admin, body);
    const id = `stopping-${repository}`;
    const before = stack.upstreamLog.length;
    const { jobs } = stack.bff.store;
    await writeJob(jobs, id, body, items);
    // A runner at two calls a second: its batch of ten takes five seconds.
    const config = stack.bff.config;
    const upstream = new Upstream(config);
    const slow = new JobRunner({
      config: { ...config, jobs: { ...config.jobs, callsPerSecond: 2 } },
      upstream,
      rows: jobs,
      leases: stack.bff.store.fleet,
      audit: stack.bff.audit,
      logger: quiet,
      holder: 'stopping-replica',
    });
    const driving = slow.drive(id);
    await eventually(async () => {
      expect((await jobs.counts(id)).done).toBeGreaterThanOrEqual(1);
    });
    await slow.close();
    await driving;
    upstream.close();
    // Nothing is left held by the stopped runner (but a delete it had sent, at most).
    const left = await jobs.items(id, undefined, 0, 20);
    const held = left.filter((item) => item.holder === 'stopping-replica');
    expect(held.length).toBeLessThanOrEqual(1);
    expect(left.filter((item) => item.status === 'pending').length).toBeGreaterThan(0);

    // Another runner takes them up at once (no lease to wait out): every tag deleted once.
    await eventually(async () => {
      await stack.bff.jobs.drive(id);
      expect((await jobs.counts(id)).done).toBe(10 - held.length);
    });
    const deletes = stack.upstreamLog.slice(before).filter((line) => line.includes(' DELETE '));
    expect(deletes).toHaveLength(10);
    expect(new Set(deletes.map((line) => line.split(' ')[2])).size).toBe(deletes.length);
  });

  it('cancels a job of a region the console no longer manages instead of trying it again', async () => {
    const id = 'gone-region';
    await writeJob(
      stack.bff.store.jobs,
      id,
      { ...spec(['x'], { pattern: 'a*' }), region: 'xx-gone-1' },
      [{ namespace: 'payments', repository: 'x', tag: 'a1', digest: 'd', updated: 'u' }],
    );
    await stack.bff.jobs.drive(id);
    expect(await stack.bff.store.jobs.job(id)).toMatchObject({ status: 'cancelled' });
    expect(await stack.bff.store.jobs.counts(id)).toMatchObject({ cancelled: 1, running: 0 });
  });

  it("answers a preview SWR cannot serve with the proxy's errors, never a 500", async () => {
    const missing = await admin.request('POST', '/api/jobs/preview', {
      json: spec(['no-such-repository'], { pattern: 'a*' }),
    });
    expect(missing.status, missing.text).toBe(404);
    expect(missing.json).toMatchObject({ code: 'not_found' });
    stack.emulator.faults.set(REGION, [{ kind: 'error', status: 503 }]);
    try {
      const failing = await admin.request('POST', '/api/jobs/preview', {
        json: spec(['payment-gateway'], { pattern: 'a*' }),
      });
      expect(failing.status, failing.text).toBeGreaterThanOrEqual(502);
      expect(failing.status).toBeLessThanOrEqual(503);
      expect((failing.json as { code: string }).code).toMatch(
        /^(upstream_error|region_unavailable)$/,
      );
    } finally {
      stack.emulator.faults.clear(REGION);
    }
  });
});

describe('a job of two replicas on one PostgreSQL', { timeout: 60_000 }, () => {
  let stack: Stack;
  let postgres: TestPostgres;
  const stores: BffStore[] = [];
  beforeAll(async () => {
    postgres = await startPostgres();
    stack = await startStack({ env: { JOBS_CALLS_PER_SECOND: '100' } });
    for (let i = 0; i < 2; i += 1) {
      stores.push(
        await openStore({ database: stack.bff.config.database, databaseUrl: postgres.url }, quiet),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await stack.close();
    await postgres.stop();
  });

  it('is carried out once between them: every tag deleted once', async () => {
    const admin = stack.browser();
    await admin.signInDemo('ada-admin');
    const body: TagCleanupSpec = {
      kind: 'tag-cleanup',
      region: REGION,
      repositories: [{ namespace: 'payments', repository: 'payment-gateway' }],
      rule: { pattern: 'pr-*' },
    };
    const preview = previewAnswer(
      (await admin.request('POST', '/api/jobs/preview', { json: body })).json,
    );
    const names = preview.items.map((item) => item.tag);
    expect(names.length).toBeGreaterThan(10);
    expect(names.every((name) => name.startsWith('pr-'))).toBe(true);
    const [first, second] = stores;
    if (first === undefined || second === undefined) throw new Error('no stores');
    await writeJob(first.jobs, 'shared', body, preview.items);
    const upstream = new Upstream(stack.bff.config);
    const runners = stores.map(
      (store, i) =>
        new JobRunner({
          config: stack.bff.config,
          upstream,
          rows: store.jobs,
          leases: store.fleet,
          audit: stack.bff.audit,
          logger: quiet,
          holder: `replica-${String(i)}`,
        }),
    );
    const before = stack.upstreamLog.length;
    await Promise.all(runners.map((runner) => runner.drive('shared')));
    // The one that found the lease taken did nothing; a second look finds nothing left.
    await Promise.all(runners.map((runner) => runner.drive('shared')));
    const deletes = stack.upstreamLog.slice(before).filter((line) => line.includes(' DELETE '));
    expect(deletes).toHaveLength(names.length);
    expect(new Set(deletes).size).toBe(names.length);
    expect(await second.jobs.job('shared')).toMatchObject({ status: 'done' });
    expect(await second.jobs.counts('shared')).toMatchObject({ done: names.length, failed: 0 });
    const again = previewAnswer(
      (await admin.request('POST', '/api/jobs/preview', { json: body })).json,
    );
    expect(again.items).toEqual([]);
    await Promise.all(runners.map((runner) => runner.close()));
    upstream.close();
  });
});

describe('the finished-job webhook', { timeout: 60_000 }, () => {
  it('announces a finished job once, signed with HMAC-SHA256 over its timestamp and body', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    let arrived: () => void = () => undefined;
    const first = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
        arrived();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    const secret = 'a-webhook-secret-of-some-length';
    const stack = await startStack({
      env: {
        JOBS_CALLS_PER_SECOND: '100',
        JOBS_WEBHOOK_URL: `http://127.0.0.1:${String(port)}/hooks/jobs`,
        JOBS_WEBHOOK_SECRET: secret,
      },
    });
    try {
      const admin = stack.browser();
      await admin.signInDemo('ada-admin');
      const body: TagCleanupSpec = {
        kind: 'tag-cleanup',
        region: REGION,
        repositories: [{ namespace: 'payments', repository: 'payment-gateway' }],
        rule: { pattern: 'pr-1*' },
      };
      const preview = previewAnswer(
        (await admin.request('POST', '/api/jobs/preview', { json: body })).json,
      );
      const started = await admin.request('POST', '/api/jobs', {
        json: { spec: body, confirm: { count: preview.items.length } },
      });
      const job = jobSummary.parse(started.json);
      await stack.bff.jobs.drive(job.id);
      await first;
      expect(received).toHaveLength(1);
      const [call] = received;
      if (call === undefined) throw new Error('nothing received');
      const timestamp = String(call.headers['x-swr-console-timestamp']);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
      const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${call.body}`).digest('hex')}`;
      expect(call.headers['x-swr-console-signature']).toBe(expected);
      expect(JSON.parse(call.body)).toMatchObject({
        event: 'job.done',
        job: {
          id: job.id,
          owner: 'Ada Admin',
          status: 'done',
          total: preview.items.length,
          counts: { done: preview.items.length, failed: 0 },
          url: `${stack.origin}/${REGION}/jobs/${job.id}`,
        },
      });
      expect(call.body).not.toContain(secret);
      expect(stack.logLines.join('\n')).not.toContain(secret);
    } finally {
      await stack.close();
      await new Promise<void>((resolve) => {
        receiver.close(() => {
          resolve();
        });
      });
    }
  });
});
