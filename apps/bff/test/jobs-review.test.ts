/**
 * Server-side jobs at their edges, against the real emulator: the check of an item claimed again
 * finds its tag among many similar names, a preview naming what SWR does not have answers a
 * stable 4xx, a scoped admin sees and cancels no other team's job, and a delete SWR answers
 * 503 or 429 is tried again (checked first) rather than failed for good.
 */
import { DEMO_CREDENTIALS, PUSH_PATH } from '@swr-dashboard/emulator';
import { signRequest, type TagCleanupSpec } from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { MAX_ATTEMPTS } from '../src/jobs/kind';
import { JobRunner } from '../src/jobs/runner';
import { Upstream } from '../src/proxy/upstream';
import { previewAnswer } from './support/job-answers';
import { startStack, type Browser, type Stack } from './support/stack';

const REGION = 'cn-north-4';
const DAY = 24 * 60 * 60 * 1000;

describe('server-side jobs at their edges', { timeout: 60_000 }, () => {
  let stack: Stack;
  let admin: Browser;
  let repoCount = 0;

  beforeAll(async () => {
    stack = await startStack({
      // Pat (payments*) is an admin here: a scoped admin.
      env: { JOBS_CALLS_PER_SECOND: '100', ROLE_ADMIN_GROUPS: 'swr-admins,swr-operators-payments' },
    });
    admin = stack.browser();
    await admin.signInDemo('ada-admin');
  });
  afterAll(async () => {
    await stack.close();
  });

  const push = async (repository: string, tag: string, daysAgo: number) => {
    const region = stack.emulator.regions.find((candidate) => candidate.id === REGION);
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
    expect(reply.status, await reply.text()).toBe(200);
  };

  const newRepository = async (): Promise<string> => {
    repoCount += 1;
    const name = `edges-${String(repoCount)}`;
    const created = await admin.request(
      'POST',
      `/api/swr/${REGION}/v2/manage/namespaces/payments/repos`,
      { json: { repository: name, is_public: false, category: 'other', description: '' } },
    );
    expect(created.status, created.text).toBe(201);
    return name;
  };

  const tagsOf = async (repository: string) => {
    const reply = await admin.get(
      `/api/swr/${REGION}/v2/manage/namespaces/payments/repos/${repository}/tags?limit=1000&offset=0`,
    );
    expect(reply.status, reply.text).toBe(200);
    return (reply.json as { Tag: string }[]).map((tag) => tag.Tag);
  };

  const spec = (repository: string, rule: TagCleanupSpec['rule']): TagCleanupSpec => ({
    kind: 'tag-cleanup',
    region: REGION,
    repositories: [{ namespace: 'payments', repository }],
    rule,
  });

  /** Writes a job straight to the store, as a replica would, and lets a dead one hold its items. */
  const heldByTheDead = async (id: string, body: TagCleanupSpec, ownerKey = 'k') => {
    const reply = await admin.request('POST', '/api/jobs/preview', { json: body });
    expect(reply.status, reply.text).toBe(200);
    const { items } = previewAnswer(reply.json);
    const { jobs } = stack.bff.store;
    await jobs.create(
      {
        id,
        kind: 'tag-cleanup',
        region: REGION,
        ownerKey,
        ownerName: 'Someone',
        spec: JSON.stringify({ spec: body, actor: null }),
        createdAt: Date.now(),
      },
      items.map((item) => JSON.stringify(item)),
    );
    const past = Date.now() - 60_000;
    await jobs.claim(id, 'dead-replica', past, past + 1000, items.length);
    return items;
  };

  it('checks an item claimed again beyond the first page of similar tag names', async () => {
    const repository = await newRepository();
    await push(repository, 'v1', 50);
    // A hundred newer tags whose names hold `v1`: SWR's tag filter matches by containment.
    for (let index = 0; index < 100; index += 1) await push(repository, `v1-${String(index)}`, 10);
    const items = await heldByTheDead(`similar-${repository}`, spec(repository, { tags: ['v1'] }));
    expect(items.map((item) => item.tag)).toEqual(['v1']);
    await stack.bff.jobs.drive(`similar-${repository}`);
    const [settled] = await stack.bff.store.jobs.items(`similar-${repository}`, undefined, 0, 10);
    expect(settled?.status).toBe('done');
    expect(JSON.parse(settled?.result ?? '{}')).toMatchObject({ message: 'deleted' });
    expect(await tagsOf(repository)).not.toContain('v1');
  });

  it('answers a stable 404 to a preview or a job naming a repository SWR does not have', async () => {
    const body = spec('no-such-repository', { pattern: '*' });
    const preview = await admin.request('POST', '/api/jobs/preview', { json: body });
    expect(preview.status, preview.text).toBe(404);
    expect(preview.json).toMatchObject({ code: 'not_found' });
    const created = await admin.request('POST', '/api/jobs', {
      json: { spec: body, confirm: { count: 0 } },
    });
    expect(created.status, created.text).toBe(404);
    expect(created.json).toMatchObject({ code: 'not_found' });
  });

  it("shows a scoped admin no other team's job, and lets them cancel none", async () => {
    const pat = stack.browser();
    await pat.signInDemo('pat-payments');
    const me = await pat.get('/api/me');
    expect(me.json).toMatchObject({ user: { role: 'admin' } });
    const id = 'platform-job';
    await stack.bff.store.jobs.create(
      {
        id,
        kind: 'tag-cleanup',
        region: REGION,
        ownerKey: 'someone-else',
        ownerName: 'Someone Else',
        spec: JSON.stringify({
          spec: {
            kind: 'tag-cleanup',
            region: REGION,
            repositories: [{ namespace: 'platform', repository: 'secret-project' }],
            rule: { pattern: 'x*' },
          },
          actor: null,
        }),
        createdAt: Date.now(),
      },
      [],
    );
    const all = await pat.get('/api/jobs?all=1');
    expect(all.status, all.text).toBe(200);
    expect(all.text).not.toContain('platform');
    expect((await pat.get(`/api/jobs/${id}`)).status).toBe(404);
    expect((await pat.get(`/api/jobs/${id}/items`)).status).toBe(404);
    expect((await pat.request('POST', `/api/jobs/${id}/cancel`)).status).toBe(404);
    expect((await admin.get(`/api/jobs/${id}`)).status).toBe(200);
    const everyone = await admin.get('/api/jobs?all=1');
    expect(everyone.text).toContain('secret-project');
  });
});

describe('a job item SWR answers 503 or 429', { timeout: 60_000 }, () => {
  let stack: Stack;
  let admin: Browser;
  beforeAll(async () => {
    stack = await startStack({ env: { JOBS_CALLS_PER_SECOND: '100', JOBS_ITEM_LEASE: '1s' } });
    admin = stack.browser();
    await admin.signInDemo('ada-admin');
  });
  afterAll(async () => {
    await stack.close();
  });

  const cleanup = async (pattern: string, count: number) => {
    const spec: TagCleanupSpec = {
      kind: 'tag-cleanup',
      region: REGION,
      repositories: [{ namespace: 'payments', repository: 'payment-gateway' }],
      rule: { pattern },
    };
    const preview = await admin.request('POST', '/api/jobs/preview', { json: spec });
    const { items } = previewAnswer(preview.json);
    expect(items.length).toBeGreaterThanOrEqual(count);
    const picked = items.slice(0, count).map((item) => item.tag);
    const body = { ...spec, rule: { tags: picked } };
    const reply = await admin.request('POST', '/api/jobs', {
      json: { spec: body, confirm: { count } },
    });
    expect(reply.status, reply.text).toBe(201);
    return (reply.json as { id: string }).id;
  };

  /**
   * Another replica whose clock runs ahead of the BFF's by as much as the tests say (no waiting
   * for a lease to end): a minute on, every lease taken before has ended by its clock, the job's
   * and the items' alike, and the BFF's own runner (whose timer picks jobs up too) finds the
   * leases this one takes held.
   */
  let ahead = 0;
  let upstream: Upstream;
  let later: JobRunner;
  beforeAll(() => {
    const { config } = stack.bff;
    upstream = new Upstream(config);
    later = new JobRunner({
      config,
      upstream,
      rows: stack.bff.store.jobs,
      leases: stack.bff.store.fleet,
      audit: stack.bff.audit,
      logger: pino({ level: 'silent' }),
      holder: 'later-replica',
      now: () => Date.now() + ahead,
    });
  });
  afterAll(async () => {
    await later.close();
    upstream.close();
  });
  /** The later replica's clock moves a minute on. */
  const aMinuteLater = () => {
    ahead += 60_000;
  };

  it('is tried again once its lease ends, checked first, and deleted once', async () => {
    for (const status of [503, 429] as const) {
      const id = await cleanup('pr-*', 1);
      stack.emulator.faults.set(REGION, [
        { operation: 'deleteRepoTag', kind: 'error', status, count: 1 },
      ]);
      await stack.bff.jobs.drive(id);
      const [first] = await stack.bff.store.jobs.items(id, undefined, 0, 10);
      expect(first?.status, status.toString()).toBe('running');
      aMinuteLater();
      await later.drive(id);
      const [item] = await stack.bff.store.jobs.items(id, undefined, 0, 10);
      expect(item?.status).toBe('done');
      expect(item?.attempts).toBe(2);
      expect(JSON.parse(item?.result ?? '{}')).toMatchObject({ message: 'deleted', status: 204 });
      expect(await stack.bff.store.jobs.job(id)).toMatchObject({ status: 'done' });
    }
  });

  it('fails for good after as many claims as it may take', async () => {
    const id = await cleanup('pr-*', 1);
    stack.emulator.faults.set(REGION, [{ operation: 'deleteRepoTag', kind: 'error', status: 503 }]);
    for (let claim = 1; claim <= MAX_ATTEMPTS; claim += 1) {
      await later.drive(id);
      aMinuteLater();
    }
    stack.emulator.faults.set(REGION, []);
    await later.drive(id);
    const [item] = await stack.bff.store.jobs.items(id, undefined, 0, 10);
    expect(item?.status).toBe('failed');
    expect(item?.attempts).toBe(MAX_ATTEMPTS);
    expect(await stack.bff.store.jobs.job(id)).toMatchObject({ status: 'done' });
  });
});
