/**
 * The emulator's real side effects (docs/swr-api.md, "What the emulator reproduces"): organizations
 * that must be empty to go, shares that expire, retention that deletes and logs, sync that copies
 * across regions, triggers that record their rollouts, and pushes that set all of it off. Driven
 * through our typed client over signed HTTP, with the emulator's business clock moved where time
 * matters.
 */
import { isSwrError, type SwrClient, type SwrError } from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '../src/index';
import { EAST, MAIN, startTestEmulator, type TestEmulator } from './support/emulator';

const DAY = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-06-01T00:00:00Z');

let now = START;
let fixture: TestEmulator;
let north: SwrClient;
let east: SwrClient;

beforeAll(async () => {
  fixture = await startTestEmulator({ clock: () => new Date(now) });
  north = fixture.client(MAIN);
  east = fixture.client(EAST);
});

afterAll(async () => {
  await fixture.close();
});

async function failure(promise: Promise<unknown>): Promise<SwrError> {
  try {
    await promise;
  } catch (error) {
    if (isSwrError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function repository(namespace: string, name: string, client = north): Promise<void> {
  const existing = await client.listNamespaces({ query: { namespace } });
  if (!existing.namespaces.some((ns) => ns.name === namespace)) {
    await client.createNamespace({ body: { namespace } });
  }
  await client.createRepo({
    params: { namespace },
    body: { repository: name, is_public: false, category: 'app_server' },
  });
}

async function tagNames(namespace: string, name: string, client = north): Promise<string[]> {
  const page = await client.listRepositoryTags({
    params: { namespace, repository: name },
    query: { limit: 1000, offset: 0, order_column: 'tag', order_type: 'asc' },
  });
  return page.items.map((tag) => tag.Tag);
}

function daysAgo(days: number): string {
  return new Date(now - days * DAY).toISOString();
}

describe('organizations', () => {
  it('refuses to delete an organization that still holds repositories (406), then deletes it', async () => {
    await repository('effects-org', 'app');
    const refused = await failure(north.deleteNamespaces({ params: { namespace: 'effects-org' } }));
    expect(refused.status).toBe(406);
    expect(refused.code).toBe('SVCSTG.SWR.4060074');
    await north.deleteRepo({ params: { namespace: 'effects-org', repository: 'app' } });
    await north.deleteNamespaces({ params: { namespace: 'effects-org' } });
    const gone = await failure(north.showNamespace({ params: { namespace: 'effects-org' } }));
    expect(gone.status).toBe(404);
  });

  it('keeps regions apart: an organization of one region is unknown in another', async () => {
    await north.createNamespace({ body: { namespace: 'only-north' } });
    const missing = await failure(east.showNamespace({ params: { namespace: 'only-north' } }));
    expect(missing.code).toBe('SVCSTG.SWR.4040058');
  });

  it('refuses the reserved name library and a name taken by another account', async () => {
    const reserved = await failure(north.createNamespace({ body: { namespace: 'library' } }));
    expect(reserved.code).toBe('SVCSTG.SWR.4001028');
    const partner = fixture.client(MAIN, 'partner-corp');
    await partner.createNamespace({ body: { namespace: 'partner-owned' } });
    const taken = await failure(north.createNamespace({ body: { namespace: 'partner-owned' } }));
    expect(taken.status).toBe(409);
    expect(taken.code).toBe('SVCSTG.SWR.4090060');
    // And the other account's organization is not visible to this one.
    const list = await north.listNamespaces();
    expect(list.namespaces.map((ns) => ns.name)).not.toContain('partner-owned');
  });
});

describe('pushes', () => {
  it('adds a tag, counts it on the repository, and updates it on a second push', async () => {
    await repository('push-ns', 'web/app');
    const first = await fixture.push({
      namespace: 'push-ns',
      repository: 'web/app',
      tag: 'v1',
      size: 1000,
    });
    expect(first.created).toBe(true);
    const again = await fixture.push({
      namespace: 'push-ns',
      repository: 'web/app',
      tag: 'v1',
      size: 3000,
    });
    expect(again.created).toBe(false);
    expect(again.digest).not.toBe(first.digest);
    const repo = await north.showRepository({
      params: { namespace: 'push-ns', repository: 'web/app' },
    });
    expect(repo.num_images).toBe(1);
    expect(repo.size).toBe(3000);
    const tags = await north.listRepositoryTags({
      params: { namespace: 'push-ns', repository: 'web/app' },
    });
    expect(tags.items[0]).toMatchObject({ Tag: 'v1', size: 3000, digest: again.digest });
    expect(tags.items[0]?.path).toBe('swr.cn-north-4.myhuaweicloud.com/push-ns/web/app:v1');
  });

  it('creates nothing implicitly: a push to a missing organization or repository is a 404', async () => {
    const noOrg = await fixture.raw(MAIN, {
      method: 'POST',
      path: '/emulator/push',
      json: { namespace: 'no-such-org', repository: 'app', tag: 'v1' },
    });
    expect(noOrg.status).toBe(404);
    expect(noOrg.json).toMatchObject({ errorCode: 'SVCSTG.SWR.4040058' });
    await north.createNamespace({ body: { namespace: 'push-empty' } });
    const noRepo = await fixture.raw(MAIN, {
      method: 'POST',
      path: '/emulator/push',
      json: { namespace: 'push-empty', repository: 'nothing', tag: 'v1' },
    });
    expect(noRepo.status).toBe(404);
    expect(noRepo.json).toMatchObject({ errorCode: 'SVCSTG.SWR.4040010' });
    const repos = await north.listReposDetails({ query: { namespace: 'push-empty' } });
    expect(repos.total).toBe(0);
  });

  it('backdates a push with created', async () => {
    await repository('push-old', 'app');
    const created = daysAgo(200);
    await fixture.push({ namespace: 'push-old', repository: 'app', tag: 'old', created });
    const tags = await north.listRepositoryTags({
      params: { namespace: 'push-old', repository: 'app' },
    });
    expect(tags.items[0]?.created).toBe(created);
    expect(tags.items[0]?.updated).toBe(created);
  });
});

describe('tag pages', () => {
  it('pages with Content-Range, sorts by update time or name, and filters by name', async () => {
    await repository('pages', 'app');
    for (let i = 0; i < 25; i += 1) {
      const tag = `v1.0.${String(i).padStart(2, '0')}`;
      await fixture.push({ namespace: 'pages', repository: 'app', tag, created: daysAgo(30 - i) });
    }
    const params = { namespace: 'pages', repository: 'app' };
    const first = await north.listRepositoryTags({ params, query: { limit: 10, offset: 0 } });
    expect(first).toMatchObject({ offset: 0, count: 10, total: 25 });
    expect(first.items[0]?.Tag).toBe('v1.0.24');
    const last = await north.listRepositoryTags({ params, query: { limit: 10, offset: 20 } });
    expect(last).toMatchObject({ offset: 20, count: 5, total: 25 });
    expect(last.items.map((tag) => tag.Tag)).toEqual([
      'v1.0.04',
      'v1.0.03',
      'v1.0.02',
      'v1.0.01',
      'v1.0.00',
    ]);
    const byName = await north.listRepositoryTags({
      params,
      query: { limit: 3, offset: 0, order_column: 'tag', order_type: 'asc' },
    });
    expect(byName.items.map((tag) => tag.Tag)).toEqual(['v1.0.00', 'v1.0.01', 'v1.0.02']);
    const filtered = await north.listRepositoryTags({ params, query: { tag: '.1' } });
    expect(filtered.items.map((tag) => tag.Tag).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `v1.0.1${i}`),
    );
    expect(filtered.total).toBe(10);
    const raw = await fixture.raw(MAIN, {
      method: 'GET',
      path: '/v2/manage/namespaces/pages/repos/app/tags',
      query: [['filter', 'limit::5|offset::5']],
    });
    expect(raw.headers.get('content-range')).toBe('5-5/25');
    expect(raw.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('sharing', () => {
  it('marks a share expired once its deadline passes, for the owner and for the account it was shared with', async () => {
    const partner = fixture.client(MAIN, 'partner-corp');
    await partner.createNamespace({ body: { namespace: 'partner-share' } });
    await partner.createRepo({
      params: { namespace: 'partner-share' },
      body: { repository: 'sdk', is_public: false },
    });
    const deadline = new Date(now + 2 * 60 * 60 * 1000).toISOString();
    await partner.createRepoDomains({
      params: { namespace: 'partner-share', repository: 'sdk' },
      body: { access_domain: 'demo-ops', permit: 'read', deadline },
    });
    const params = { namespace: 'partner-share', repository: 'sdk', access_domain: 'demo-ops' };
    expect((await partner.showAccessDomain({ params })).status).toBe(true);
    const sharedWithMe = async () =>
      (
        await north.listSharedReposDetails({
          query: { center: 'thirdparty', namespace: 'partner-share' },
        })
      ).items;
    expect(
      (await sharedWithMe()).map((repo) => [repo.name, repo.status, repo.domain_name]),
    ).toEqual([['sdk', true, 'partner-corp']]);
    now += 3 * 60 * 60 * 1000;
    try {
      expect((await partner.showAccessDomain({ params })).status).toBe(false);
      expect((await sharedWithMe()).map((repo) => repo.status)).toEqual([false]);
      const byPartner = await partner.listSharedReposDetails({ query: { center: 'self' } });
      expect(byPartner.items.map((repo) => repo.name)).toEqual(['sdk']);
    } finally {
      now -= 3 * 60 * 60 * 1000;
    }
  });

  it('refuses a deadline in the past, a second share with the same account, sharing with oneself or with an account that does not exist', async () => {
    await repository('share-rules', 'app');
    const params = { namespace: 'share-rules', repository: 'app' };
    const past = await failure(
      north.createRepoDomains({
        params,
        body: {
          access_domain: 'acme-analytics',
          permit: 'read',
          deadline: daysAgo(1).replace(/\.\d+Z$/, 'Z'),
        },
      }),
    );
    expect(past.code).toBe('SVCSTG.SWR.4000014');
    await north.createRepoDomains({
      params,
      body: { access_domain: 'acme-analytics', permit: 'read', deadline: 'forever' },
    });
    const twice = await failure(
      north.createRepoDomains({
        params,
        body: { access_domain: 'acme-analytics', permit: 'read', deadline: 'forever' },
      }),
    );
    expect(twice.status).toBe(409);
    const self = await failure(
      north.createRepoDomains({
        params,
        body: { access_domain: 'demo-ops', permit: 'read', deadline: 'forever' },
      }),
    );
    expect(self.code).toBe('SVCSTG.SWR.4001041');
    // An account the cloud does not have: refused as SWR refuses it.
    const stranger = await failure(
      north.createRepoDomains({
        params,
        body: { access_domain: 'no-such-account', permit: 'read', deadline: 'forever' },
      }),
    );
    expect({ status: stranger.status, code: stranger.code }).toEqual({
      status: 400,
      code: 'SVCSTG.SWR.4001090',
    });
    const missing = await failure(
      north.deleteRepoDomains({ params: { ...params, access_domain: 'nobody' } }),
    );
    expect(missing.code).toBe('SVCSTG.SWR.4001090');
    expect(
      await north.showAccessDomain({ params: { ...params, access_domain: 'nobody' } }),
    ).toEqual({ exist: false });
  });
});

describe('retention', () => {
  it('keeps the N newest tags plus the exempt ones when saved, logs each deletion, and applies again on push', async () => {
    await repository('keep-n', 'app');
    const pushes = ['v1', 'v2', 'release-1', 'v3', 'v4', 'latest', 'v5', 'v6'];
    for (const [index, tag] of pushes.entries()) {
      await fixture.push({
        namespace: 'keep-n',
        repository: 'app',
        tag,
        created: daysAgo(20 - index),
      });
    }
    const params = { namespace: 'keep-n', repository: 'app' };
    const { id } = await north.createRetention({
      params,
      body: {
        algorithm: 'or',
        rules: [
          {
            template: 'tag_rule',
            params: { num: '3' },
            tag_selectors: [
              { kind: 'label', pattern: 'latest' },
              { kind: 'regexp', pattern: '^release-' },
            ],
          },
        ],
      },
    });
    expect(await tagNames('keep-n', 'app')).toEqual(['latest', 'release-1', 'v4', 'v5', 'v6']);
    const logs = await north.listRetentionHistories({ params, query: { limit: 10, offset: 0 } });
    expect(logs.total).toBe(3);
    expect(logs.items.map((log) => log.tag).sort()).toEqual(['v1', 'v2', 'v3']);
    expect(logs.items[0]).toMatchObject({ retention_id: id, namespace: 'keep-n', repo: 'app' });
    expect(JSON.parse(logs.items[0]?.rule_type ?? '')).toMatchObject({
      template: 'tag_rule',
      params: { num: '3' },
    });

    const pushed = await fixture.push({ namespace: 'keep-n', repository: 'app', tag: 'v7' });
    expect(pushed.retentionDeleted).toEqual(['v4']);
    expect(await tagNames('keep-n', 'app')).toEqual(['latest', 'release-1', 'v5', 'v6', 'v7']);
    const repo = await north.showRepository({ params });
    expect(repo.num_images).toBe(5);
  });

  it('deletes tags older than N days, allows one policy per repository, and keeps the template on update', async () => {
    await repository('keep-days', 'app');
    for (const [tag, age] of [
      ['fresh', 5],
      ['month', 40],
      ['ancient', 100],
    ] as const) {
      await fixture.push({ namespace: 'keep-days', repository: 'app', tag, created: daysAgo(age) });
    }
    const params = { namespace: 'keep-days', repository: 'app' };
    const rule = (days: string) => ({
      algorithm: 'or' as const,
      rules: [{ template: 'date_rule' as const, params: { days }, tag_selectors: [] }],
    });
    const { id } = await north.createRetention({ params, body: rule('60') });
    expect(await tagNames('keep-days', 'app')).toEqual(['fresh', 'month']);
    const second = await failure(north.createRetention({ params, body: rule('10') }));
    expect(second.code).toBe('SVCSTG.SWR.4000014');
    await north.updateRetention({ params: { ...params, retention_id: id }, body: rule('30') });
    expect(await tagNames('keep-days', 'app')).toEqual(['fresh']);
    const changeTemplate = await failure(
      north.updateRetention({
        params: { ...params, retention_id: id },
        body: {
          algorithm: 'or',
          rules: [{ template: 'tag_rule', params: { num: '1' }, tag_selectors: [] }],
        },
      }),
    );
    expect(changeTemplate.code).toBe('SVCSTG.SWR.4000014');
    expect(await north.listRetentions({ params })).toEqual([
      { id, algorithm: 'or', rules: rule('30').rules, scope: '' },
    ]);
    await north.deleteRetention({ params: { ...params, retention_id: id } });
    const gone = await failure(north.deleteRetention({ params: { ...params, retention_id: id } }));
    expect(gone).toMatchObject({ status: 400, code: 'SVCSTG.SWR.4000306', shape: 'swr-list' });
    // Logs outlive the policy.
    const logs = await north.listRetentionHistories({ params });
    expect(logs.items.map((log) => log.tag).sort()).toEqual(['ancient', 'month']);
  });
});

describe('sync', () => {
  it('copies every new push to the target region and records each job with its true status', async () => {
    await repository('sync-src', 'svc/api');
    await east.createNamespace({ body: { namespace: 'sync-dst' } });
    const params = { namespace: 'sync-src', repository: 'svc/api' };
    await north.createImageSyncRepo({
      params,
      body: { remoteRegionId: EAST, remoteNamespace: 'sync-dst', syncAuto: true, override: false },
    });
    const pushed = await fixture.push({ namespace: 'sync-src', repository: 'svc/api', tag: 'v1' });
    expect(pushed.syncs).toEqual([
      { remoteRegionId: EAST, remoteNamespace: 'sync-dst', status: 'success' },
    ]);
    expect(await tagNames('sync-dst', 'svc/api', east)).toEqual(['v1']);
    const copied = await east.listRepositoryTags({
      params: { namespace: 'sync-dst', repository: 'svc/api' },
    });
    expect(copied.items[0]?.digest).toBe(pushed.digest);
    // Without override, a tag that exists at the target is left alone.
    const again = await fixture.push({ namespace: 'sync-src', repository: 'svc/api', tag: 'v1' });
    expect(again.syncs[0]?.status).toBe('existed');
    const jobs = await north.showSyncJob({ params, query: { limit: 10, offset: 0, order: 'asc' } });
    expect(jobs.total).toBe(2);
    expect(
      jobs.items.map((job) => [job.tag, job.status, job.remoteRegionId, job.remoteNamespace]),
    ).toEqual([
      ['v1', 'success', EAST, 'sync-dst'],
      ['v1', 'existed', EAST, 'sync-dst'],
    ]);
    const policies = await north.listImageAutoSyncReposDetails({ params });
    expect(policies).toHaveLength(1);
    expect(policies[0]).toMatchObject({
      remoteRegionId: EAST,
      remoteNamespace: 'sync-dst',
      override: false,
      repoName: 'svc/api',
    });
  });

  it('fails jobs whose target organization is gone, and refuses policies to a missing one', async () => {
    await repository('sync-src2', 'app');
    await east.createNamespace({ body: { namespace: 'sync-gone' } });
    const params = { namespace: 'sync-src2', repository: 'app' };
    await north.createImageSyncRepo({
      params,
      body: { remoteRegionId: EAST, remoteNamespace: 'sync-gone' },
    });
    await east.deleteNamespaces({ params: { namespace: 'sync-gone' } });
    const pushed = await fixture.push({ namespace: 'sync-src2', repository: 'app', tag: 'v1' });
    expect(pushed.syncs[0]?.status).toBe('failed');
    const missing = await failure(
      north.createImageSyncRepo({
        params,
        body: { remoteRegionId: EAST, remoteNamespace: 'never-was' },
      }),
    );
    expect(missing.code).toBe('SVCSTG.SWR.4040058');
    const sameRegion = await failure(
      north.createImageSyncRepo({
        params,
        body: { remoteRegionId: MAIN, remoteNamespace: 'sync-src2' },
      }),
    );
    expect(sameRegion.code).toBe('SVCSTG.SWR.4000014');
    await north.deleteImageSyncRepo({
      params,
      body: { remoteRegionId: EAST, remoteNamespace: 'sync-gone' },
    });
    const gone = await failure(
      north.deleteImageSyncRepo({
        params,
        body: { remoteRegionId: EAST, remoteNamespace: 'sync-gone' },
      }),
    );
    expect(gone).toMatchObject({ status: 400, code: 'SVCSTG.SWR.4001158', shape: 'swr-list' });
  });

  it('syncs chosen tags by hand and answers with the tags that failed', async () => {
    await repository('manual-src', 'app');
    await east.createNamespace({ body: { namespace: 'manual-dst' } });
    for (const tag of ['v1', 'v2'])
      await fixture.push({ namespace: 'manual-src', repository: 'app', tag });
    const params = { namespace: 'manual-src', repository: 'app' };
    const failed = await north.createManualImageSyncRepo({
      params,
      body: { imageTag: ['v1', 'v2', 'nope'], remoteNamespace: 'manual-dst', remoteRegionId: EAST },
    });
    expect(failed).toEqual(['nope']);
    expect(await tagNames('manual-dst', 'app', east)).toEqual(['v1', 'v2']);
    const jobs = await north.showSyncJob({ params, query: { limit: 10, offset: 0 } });
    expect(jobs.items.map((job) => [job.tag, job.status]).sort()).toEqual([
      ['v1', 'success'],
      ['v2', 'success'],
    ]);
  });
});

describe('triggers', () => {
  const prod = stableId('cluster', MAIN, 'prod');
  const legacy = stableId('cluster', MAIN, 'legacy');
  const base = {
    action: 'update' as const,
    app_type: 'deployments' as const,
    application: 'web',
    cluster_ns: 'default',
    enable: 'true' as const,
  };

  it('records a rollout for each new tag an enabled trigger matches, and nothing else', async () => {
    await repository('trig', 'web');
    const params = { namespace: 'trig', repository: 'web' };
    await north.createTrigger({
      params,
      body: { ...base, name: 'listed', trigger_type: 'tag', condition: 'v1;v2', cluster_id: prod },
    });
    await north.createTrigger({
      params,
      body: {
        ...base,
        name: 'releases',
        trigger_type: 'regular',
        condition: '^v\\d+$',
        cluster_id: prod,
      },
    });
    await north.createTrigger({
      params,
      body: {
        ...base,
        name: 'off',
        enable: 'false',
        trigger_type: 'all',
        condition: '.*',
        cluster_id: prod,
      },
    });
    await north.createTrigger({
      params,
      body: { ...base, name: 'cci', trigger_type: 'all', condition: '.*', trigger_mode: 'cci' },
    });
    const v1 = await fixture.push({ namespace: 'trig', repository: 'web', tag: 'v1' });
    expect(v1.triggers).toEqual([
      { name: 'cci', result: 'success' },
      { name: 'listed', result: 'success' },
      { name: 'releases', result: 'success' },
    ]);
    const beta = await fixture.push({ namespace: 'trig', repository: 'web', tag: 'beta' });
    expect(beta.triggers).toEqual([{ name: 'cci', result: 'success' }]);
    const again = await fixture.push({ namespace: 'trig', repository: 'web', tag: 'v1' });
    expect(again.triggers).toEqual([]);
    const listed = await north.showTrigger({ params: { ...params, trigger: 'listed' } });
    expect(listed.cluster_name).toBe('prod-cn-north-4');
    expect(listed.trigger_history.map((entry) => [entry.tag, entry.result])).toEqual([
      ['v1', 'success'],
    ]);
    expect(listed.trigger_history[0]?.detail).toContain('prod-cn-north-4');
    const off = await north.showTrigger({ params: { ...params, trigger: 'off' } });
    expect(off.trigger_history).toEqual([]);
    await north.updateTrigger({ params: { ...params, trigger: 'off' }, body: { enable: 'true' } });
    await fixture.push({ namespace: 'trig', repository: 'web', tag: 'v9' });
    const on = await north.showTrigger({ params: { ...params, trigger: 'off' } });
    expect(on.enable).toBe('true');
    expect(on.trigger_history.map((entry) => entry.tag)).toEqual(['v9']);
    await north.deleteTrigger({ params: { ...params, trigger: 'off' } });
    const names = (await north.listTriggersDetails({ params })).map((trigger) => trigger.name);
    expect(names.sort()).toEqual(['cci', 'listed', 'releases']);
  });

  it('records a failed rollout to an unavailable cluster and refuses unknown clusters and duplicate names', async () => {
    await repository('trig-fail', 'web');
    const params = { namespace: 'trig-fail', repository: 'web' };
    await north.createTrigger({
      params,
      body: { ...base, name: 'legacy', trigger_type: 'all', condition: '.*', cluster_id: legacy },
    });
    const pushed = await fixture.push({ namespace: 'trig-fail', repository: 'web', tag: 'v1' });
    expect(pushed.triggers).toEqual([{ name: 'legacy', result: 'failed' }]);
    const shown = await north.showTrigger({ params: { ...params, trigger: 'legacy' } });
    expect(shown.trigger_history[0]?.detail).toMatch(/unavailable/);
    const unknown = await failure(
      north.createTrigger({
        params,
        body: {
          ...base,
          name: 'nowhere',
          trigger_type: 'all',
          condition: '.*',
          cluster_id: 'no-such-cluster',
        },
      }),
    );
    expect(unknown.code).toBe('SVCSTG.SWR.4000014');
    const duplicate = await failure(
      north.createTrigger({
        params,
        body: { ...base, name: 'legacy', trigger_type: 'all', condition: '.*', cluster_id: prod },
      }),
    );
    expect(duplicate.code).toBe('SVCSTG.SWR.4000014');
  });
});

describe('permissions', () => {
  const user = (name: string, auth: 1 | 3 | 7) => ({
    user_id: stableId('iam', name),
    user_name: name,
    auth,
  });

  it('grants, changes and removes organization permissions, all or nothing', async () => {
    await north.createNamespace({ body: { namespace: 'perm-org' } });
    const params = { namespace: 'perm-org' };
    await north.createNamespaceAuth({ params, body: [user('ann', 1), user('ben', 3)] });
    const clash = await failure(
      north.createNamespaceAuth({ params, body: [user('cid', 1), user('ann', 7)] }),
    );
    expect(clash).toMatchObject({ status: 409, code: 'SVCSTG.SWR.4090076' });
    await north.updateNamespaceAuth({ params, body: [user('ann', 7)] });
    const missing = await failure(
      north.updateNamespaceAuth({ params, body: [user('ann', 3), user('zed', 1)] }),
    );
    expect(missing).toMatchObject({ status: 404, code: 'SVCSTG.SWR.4040078' });
    await north.deleteNamespaceAuth({ params, body: [user('ben', 3).user_id] });
    const shown = await north.showNamespaceAuth({ params });
    expect(shown.self_auth).toMatchObject({ user_name: 'ops-admin', auth: 7 });
    expect(shown.others_auths).toEqual([user('ann', 7)]);
  });

  it('grants repository permissions separately from organization ones', async () => {
    await repository('perm-repo', 'app');
    const params = { namespace: 'perm-repo', repository: 'app' };
    await north.createUserRepositoryAuth({ params, body: [user('ann', 3)] });
    const shown = await north.showUserRepositoryAuth({ params });
    expect(shown.name).toBe('app');
    expect(shown.others_auths).toEqual([user('ann', 3)]);
    expect(
      (await north.showNamespaceAuth({ params: { namespace: 'perm-repo' } })).others_auths,
    ).toEqual([]);
    const twice = await failure(north.createUserRepositoryAuth({ params, body: [user('ann', 1)] }));
    expect(twice.code).toBe('SVCSTG.SWR.4090089');
  });
});

describe('temporary login command', () => {
  it('returns the docker login command, its registry and an expiry six hours ahead', async () => {
    const login = await north.createSecret({ query: { projectname: 'cn-north-4' } });
    expect(login.registry).toBe('swr.cn-north-4.myhuaweicloud.com');
    expect(login.headerCommand).toMatch(
      /^docker login -u cn-north-4@EMULATORDEMOAK000001 -p [0-9a-f]{64}$/,
    );
    expect(login.command).toBe(`${login.headerCommand} swr.cn-north-4.myhuaweicloud.com`);
    expect(Date.parse(login.expiresAt ?? '')).toBe(now + 6 * 60 * 60 * 1000);
    const raw = await fixture.raw(MAIN, { method: 'POST', path: '/v2/manage/utils/secret' });
    const auths = (raw.json as { auths: Record<string, { auth: string }> }).auths;
    const decoded = Buffer.from(
      auths['swr.cn-north-4.myhuaweicloud.com']?.auth ?? '',
      'base64',
    ).toString();
    const password = raw.headers.get('x-swr-dockerlogin')?.split(' -p ')[1];
    expect(decoded).toBe(`cn-north-4@EMULATORDEMOAK000001:${password ?? ''}`);
  });
});
