/**
 * The kinds of server-side jobs beyond the tag clean-up (issue 16), against the real emulator:
 * retention, sync and trigger templates rolled out to many repositories, shares extended or
 * revoked and triggers switched in bulk. Each is previewed (its items, and what it leaves alone
 * and why), authorized call by call (organization and deploy scopes, the targets a trigger read
 * in the preview deploys to), run with one audit record per item carrying SWR's request id,
 * and read back from SWR. Every kind, its items carried out a second time (their first holder
 * died after its call), leaves SWR as once did and sends no second change. A trigger switch reads
 * each trigger first, on a first attempt too: one pointed elsewhere or switched since the preview
 * is not switched.
 */
import { stableId } from '@swr-dashboard/emulator';
import type {
  JobSpec,
  RetentionTemplateSpec,
  ShareChangeSpec,
  SyncTemplateSpec,
  TriggerSwitchSpec,
  TriggerTemplateSpec,
} from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { inDays, KindJobs, PROD, REGION, type AuditEntry } from './support/kind-jobs';
import { startStack, type Browser, type Stack } from './support/stack';

const EAST = 'cn-east-3';
const STAGING = stableId('cluster', REGION, 'staging');
const REQUEST_ID = /^[0-9a-f-]{36}$/;

type RetentionRule = RetentionTemplateSpec['policy']['rules'][0];
type TriggerTemplate = TriggerTemplateSpec['trigger'];

const repositoriesOf = (names: readonly string[]) =>
  names.map((repository) => ({ namespace: 'payments', repository }));

describe('job kinds', { timeout: 60_000 }, () => {
  let stack: Stack;
  let admin: Browser;
  let pat: Browser;
  let world: KindJobs;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        JOBS_CALLS_PER_SECOND: '100',
        JOBS_CONFIRM_ABOVE: '5',
        PROTECTED_TAGS: 'latest',
        // Each preview and job is a change of the user's: more than the default 30 a minute here.
        RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000',
        // Pat (operator, organizations payments*) deploys only to payments* on the prod cluster.
        DEPLOY_SCOPES: `swr-operators-payments=${PROD}:payments*`,
      },
    });
    admin = stack.browser();
    await admin.signInDemo('ada-admin');
    pat = stack.browser();
    await pat.signInDemo('pat-payments');
    world = new KindJobs(stack, admin, 'kinds');
  });
  afterAll(async () => {
    await stack.close();
  });

  /**
   * The SWR records of the job's items once each is finalized, in item order (an item's own
   * record before one of a change it made first, by event name).
   */
  const itemRecords = async (id: string, total: number): Promise<AuditEntry[]> => {
    let records: AuditEntry[] = [];
    await eventually(async () => {
      records = (await world.records(id)).filter((record) => record.event.startsWith('swr.'));
      expect(records).toHaveLength(total);
      expect(records.every((record) => record.outcome !== 'pending')).toBe(true);
    });
    return records.sort(
      (a, b) => a.request.id.localeCompare(b.request.id) || a.event.localeCompare(b.event),
    );
  };

  /** Refused (403, `forbidden`) for the preview and for the job, audited as `authz.denied`. */
  const refused = async (browser: Browser, spec: JobSpec, count: number) => {
    const before = world.mark();
    const preview = await browser.request('POST', '/api/jobs/preview', { json: spec });
    expect(preview.status, preview.text).toBe(403);
    expect(preview.json).toMatchObject({ code: 'forbidden' });
    const started = await browser.request('POST', '/api/jobs', {
      json: { spec, confirm: { count } },
    });
    expect(started.status, started.text).toBe(403);
    expect(world.writesSince(before)).toEqual([]);
    const denied = await admin.get('/api/audit?action=authz.denied&limit=5');
    const [last] = (denied.json as { items: AuditEntry[] }).items;
    expect(last).toMatchObject({
      event: 'authz.denied',
      outcome: 'denied',
      httpStatus: 403,
      actor: { name: 'Pat Payments' },
      request: { route: '/api/jobs' },
    });
    return last;
  };

  describe('retention-template', () => {
    const rule: RetentionRule = {
      template: 'date_rule',
      params: { days: '30' },
      tag_selectors: [],
    };
    const spec = (names: readonly string[]): RetentionTemplateSpec => ({
      kind: 'retention-template',
      region: REGION,
      repositories: repositoriesOf(names),
      policy: { algorithm: 'or', rules: [rule] },
    });

    it('creates, updates, replaces or keeps each policy, and says what SWR deletes at once', async () => {
      const { swr } = world;
      const params = (repository: string) => ({ namespace: 'payments', repository });
      // None: t0…t3 and latest (protected) are older than 30 days, fresh is not.
      const none = await world.newRepository();
      for (let index = 0; index < 4; index += 1)
        await world.push(none, `t${String(index)}`, 100 - index);
      await world.push(none, 'latest', 40);
      await world.push(none, 'fresh', 1);
      // The same template, other days: updated in place; mid (45 days) goes.
      const same = await world.newRepository();
      const sameId = (
        await swr.createRetention({
          params: params(same),
          body: { algorithm: 'or', rules: [{ ...rule, params: { days: '60' } }] },
        })
      ).id;
      await world.push(same, 'mid', 45);
      await world.push(same, 'fresh', 1);
      // The other template: deleted, then the template's created; old (50 days) goes.
      const other = await world.newRepository();
      const otherId = (
        await swr.createRetention({
          params: params(other),
          body: {
            algorithm: 'or',
            rules: [{ template: 'tag_rule', params: { num: '10' }, tag_selectors: [] }],
          },
        })
      ).id;
      await world.push(other, 'old', 50);
      await world.push(other, 'fresh', 1);
      // Exactly the template's already.
      const kept = await world.newRepository();
      const keptId = (
        await swr.createRetention({
          params: params(kept),
          body: { algorithm: 'or', rules: [rule] },
        })
      ).id;
      await world.push(kept, 'fresh', 1);

      const body = spec([none, same, other, kept]);
      const preview = await world.preview(admin, body);
      expect(preview.items).toEqual([
        {
          ...params(none),
          action: 'create',
          retentionId: null,
          deletes: 5,
          protectedDeleted: ['latest'],
        },
        {
          ...params(same),
          action: 'update',
          retentionId: sameId,
          deletes: 1,
          protectedDeleted: [],
        },
        {
          ...params(other),
          action: 'replace',
          retentionId: otherId,
          deletes: 1,
          protectedDeleted: [],
        },
      ]);
      expect(preview.kept).toEqual([{ ...params(kept), subject: '', reason: 'unchanged' }]);

      const before = world.mark();
      const job = await world.start(admin, body, 3);
      expect(job).toMatchObject({ kind: 'retention-template', total: 3, spec: body });
      await world.drive(job.id);
      expect(await world.job(job.id)).toMatchObject({
        status: 'done',
        counts: { done: 3, failed: 0, pending: 0, running: 0 },
      });
      const policies = new Map<string, { id: number; rules: unknown }>();
      for (const repository of [none, same, other, kept]) {
        const list = await swr.listRetentions({ params: params(repository) });
        expect(list, repository).toHaveLength(1);
        expect(list[0]).toMatchObject({ algorithm: 'or', rules: [rule] });
        policies.set(repository, list[0] ?? { id: 0, rules: [] });
      }
      const createdId = policies.get(none)?.id ?? 0;
      const replacedId = policies.get(other)?.id ?? 0;
      expect(policies.get(same)?.id).toBe(sameId);
      expect(policies.get(kept)?.id).toBe(keptId);
      expect(replacedId).not.toBe(otherId);
      const path = (repository: string) =>
        `/v2/manage/namespaces/payments/repos/${repository}/retentions`;
      expect(world.writesSince(before)).toEqual([
        `POST ${path(none)}`,
        `PATCH ${path(same)}/${String(sameId)}`,
        `DELETE ${path(other)}/${String(otherId)}`,
        `POST ${path(other)}`,
      ]);
      // SWR applied each policy when it was saved: latest too, as the preview warned.
      expect(await world.tagsOf(none)).toEqual(['fresh']);
      expect(await world.tagsOf(same)).toEqual(['fresh']);
      expect(await world.tagsOf(other)).toEqual(['fresh']);

      const items = await world.items(job.id, 'retention-template');
      expect(items.map((item) => [item.target.repository, item.status, item.attempts])).toEqual([
        [none, 'done', 1],
        [same, 'done', 1],
        [other, 'done', 1],
      ]);
      expect(items.map((item) => item.result?.message)).toEqual([
        `policy ${String(createdId)} created`,
        `policy ${String(sameId)} changed`,
        `policy ${String(replacedId)} created (policy ${String(otherId)} deleted first)`,
      ]);
      expect(items.every((item) => REQUEST_ID.test(item.result?.requestId ?? ''))).toBe(true);
      // The replace's delete has a record of its own, besides the item's (the create).
      const records = await itemRecords(job.id, 4);
      expect(records.map((record) => [record.event, record.outcome])).toEqual([
        ['swr.createRetention', 'success'],
        ['swr.updateRetention', 'success'],
        ['swr.createRetention', 'success'],
        ['swr.deleteRetention', 'success'],
      ]);
      expect(records.slice(0, 3).map((record) => record.upstream?.requestId)).toEqual(
        items.map((item) => item.result?.requestId),
      );
      expect(records[3]).toMatchObject({
        actor: { name: 'Ada Admin' },
        resource: { type: 'retention', namespace: 'payments', name: other },
        request: { params: { id: job.id, repository: other, retention_id: String(otherId) } },
        upstream: { method: 'DELETE', path: `${path(other)}/${String(otherId)}`, status: 200 },
        reason: `policy ${String(otherId)} deleted, to make way for the template's`,
      });
      expect(REQUEST_ID.test(records[3]?.upstream?.requestId ?? '')).toBe(true);
      expect(records[3]?.upstream?.requestId).not.toBe(records[2]?.upstream?.requestId);
      expect(records[1]).toMatchObject({
        actor: { name: 'Ada Admin' },
        resource: { type: 'retention', namespace: 'payments', name: same },
        request: { params: { id: job.id, repository: same, retention_id: String(sameId) } },
        upstream: { method: 'PATCH' },
      });
      await eventually(async () => {
        expect((await world.records(job.id)).map((record) => record.event)).toContain('job.done');
      });
    });
  });

  /**
   * A retention template job over one repository whose policy is of the other template (so its
   * item deletes it, then creates the template's), driven once while SWR answers `operation`'s
   * first call with a 503.
   */
  const replaceAnswering503 = async (operation: 'createRetention' | 'deleteRetention') => {
    const repository = await world.newRepository();
    const params = { namespace: 'payments', repository };
    const oldId = (
      await world.swr.createRetention({
        params,
        body: {
          algorithm: 'or',
          rules: [{ template: 'tag_rule', params: { num: '10' }, tag_selectors: [] }],
        },
      })
    ).id;
    const body: RetentionTemplateSpec = {
      kind: 'retention-template',
      region: REGION,
      repositories: repositoriesOf([repository]),
      policy: {
        algorithm: 'or',
        rules: [{ template: 'date_rule', params: { days: '30' }, tag_selectors: [] }],
      },
    };
    const job = await world.start(admin, body, 1);
    stack.emulator.faults.set(REGION, [{ operation, kind: 'error', status: 503, count: 1 }]);
    try {
      await world.drive(job.id);
    } finally {
      stack.emulator.faults.set(REGION, []);
    }
    // Either way the outcome is unknown: the item is tried again later.
    const [item] = await world.items(job.id, 'retention-template');
    expect(item).toMatchObject({ status: 'running', attempts: 1 });
    return { job, params, oldId };
  };

  describe('retention-template, a replace whose create is not answered', () => {
    it('records the delete SWR acknowledged, whatever becomes of the create', async () => {
      const { job, params, oldId } = await replaceAnswering503('createRetention');
      // The delete was made.
      expect(await world.swr.listRetentions({ params })).toEqual([]);
      const records = await itemRecords(job.id, 2);
      expect(records).toMatchObject([
        {
          event: 'swr.createRetention',
          outcome: 'failure',
          upstream: { method: 'POST', status: 503 },
        },
        {
          event: 'swr.deleteRetention',
          outcome: 'success',
          upstream: { method: 'DELETE', status: 200 },
          request: { params: { retention_id: String(oldId) } },
        },
      ]);
    });
  });

  describe('retention-template, a replace whose delete is not answered', () => {
    it("names no read as the item's call, and records the delete's failure", async () => {
      const { job, params, oldId } = await replaceAnswering503('deleteRetention');
      // SWR answered the item's read of the policies, then the delete's 503; the create was never
      // sent, so the item's record names no call of SWR's at all.
      expect((await world.swr.listRetentions({ params })).map((policy) => policy.id)).toEqual([
        oldId,
      ]);
      const records = await itemRecords(job.id, 2);
      expect(records).toMatchObject([
        { event: 'swr.createRetention', outcome: 'failure', upstream: null, httpStatus: null },
        {
          event: 'swr.deleteRetention',
          outcome: 'failure',
          upstream: { method: 'DELETE', status: 503 },
          request: { params: { retention_id: String(oldId) } },
        },
      ]);
    });
  });

  describe('sync-template', () => {
    const spec = (
      names: readonly string[],
      target: Partial<SyncTemplateSpec['target']> = {},
    ): SyncTemplateSpec => ({
      kind: 'sync-template',
      region: REGION,
      repositories: repositoriesOf(names),
      target: { remoteRegionId: EAST, syncAuto: true, override: false, ...target },
    });
    const policiesOf = async (repository: string) =>
      (
        await world.swr.listImageAutoSyncReposDetails({
          params: { namespace: 'payments', repository },
        })
      ).map((policy) => [
        policy.remoteRegionId,
        policy.remoteNamespace,
        policy.syncAuto,
        policy.override,
      ]);

    it("syncs each repository to its own organization's name unless told, keeping those that do", async () => {
      const [first, second, syncing] = [
        await world.newRepository(),
        await world.newRepository(),
        await world.newRepository(),
      ];
      await world.swr.createImageSyncRepo({
        params: { namespace: 'payments', repository: syncing },
        body: {
          remoteRegionId: EAST,
          remoteNamespace: 'payments',
          syncAuto: false,
          override: true,
        },
      });
      const body = spec([first, second, syncing]);
      const preview = await world.preview(admin, body);
      const where = (repository: string) => ({ namespace: 'payments', repository });
      expect(preview.items).toEqual([
        { ...where(first), remoteRegionId: EAST, remoteNamespace: 'payments' },
        { ...where(second), remoteRegionId: EAST, remoteNamespace: 'payments' },
      ]);
      expect(preview.kept).toEqual([
        { ...where(syncing), subject: `${EAST}/payments`, reason: 'unchanged' },
      ]);
      // Another organization named: that one, also for a repository syncing elsewhere already.
      const named = await world.preview(admin, spec([syncing], { remoteNamespace: 'data-dr' }));
      expect(named.items).toEqual([
        { ...where(syncing), remoteRegionId: EAST, remoteNamespace: 'data-dr' },
      ]);
      expect(named.kept).toEqual([]);

      const job = await world.start(admin, body, 2);
      await world.drive(job.id);
      expect(await world.job(job.id)).toMatchObject({ status: 'done', counts: { done: 2 } });
      expect(await policiesOf(first)).toEqual([[EAST, 'payments', true, false]]);
      expect(await policiesOf(second)).toEqual([[EAST, 'payments', true, false]]);
      expect(await policiesOf(syncing)).toEqual([[EAST, 'payments', false, true]]);
      const items = await world.items(job.id, 'sync-template');
      expect(items.map((item) => [item.status, item.result?.message])).toEqual([
        ['done', `syncs to ${EAST}/payments`],
        ['done', `syncs to ${EAST}/payments`],
      ]);
      const records = await itemRecords(job.id, 2);
      expect(
        records.map((record) => [record.event, record.outcome, record.upstream?.status]),
      ).toEqual([
        ['swr.createImageSyncRepo', 'success', 200],
        ['swr.createImageSyncRepo', 'success', 200],
      ]);
      expect(records.map((record) => record.upstream?.requestId)).toEqual(
        items.map((item) => item.result?.requestId),
      );
      expect(records.every((record) => REQUEST_ID.test(record.upstream?.requestId ?? ''))).toBe(
        true,
      );
    });

    it("refuses a target that is the job's own region or one not configured: 400, nothing started", async () => {
      const repository = await world.newRepository();
      const before = world.mark();
      const jobsBefore = (await admin.get('/api/jobs')).json as { jobs: unknown[] };
      for (const remoteRegionId of [REGION, 'eu-west-0']) {
        const body = spec([repository], { remoteRegionId });
        const preview = await admin.request('POST', '/api/jobs/preview', { json: body });
        expect(preview.status, preview.text).toBe(400);
        expect(preview.json).toMatchObject({
          code: 'invalid_parameter',
          message: expect.stringContaining(remoteRegionId) as unknown,
        });
        const started = await admin.request('POST', '/api/jobs', {
          json: { spec: body, confirm: { count: 1 } },
        });
        expect(started.status, started.text).toBe(400);
        expect(started.json).toMatchObject({ code: 'invalid_parameter' });
      }
      expect(((await admin.get('/api/jobs')).json as { jobs: unknown[] }).jobs).toHaveLength(
        jobsBefore.jobs.length,
      );
      expect(world.writesSince(before)).toEqual([]);
      expect(await policiesOf(repository)).toEqual([]);
    });

    it('refuses a scoped user a remote organization outside their scope, audited', async () => {
      const repository = await world.newRepository();
      // Pat may sync payments to payments in the other region…
      const allowed = await world.preview(pat, spec([repository]));
      expect(allowed.items).toHaveLength(1);
      // …not to data-dr there.
      const record = await refused(pat, spec([repository], { remoteNamespace: 'data-dr' }), 1);
      expect(record?.targets).toContainEqual(
        expect.objectContaining({ kind: 'namespace', name: 'data-dr', region: EAST }),
      );
      expect(record?.reason).toContain('data-dr');
      expect(await policiesOf(repository)).toEqual([]);
    });
  });

  describe('trigger-template', () => {
    const template: TriggerTemplate = {
      name: 'rollout',
      trigger_type: 'all',
      condition: '.*',
      trigger_mode: 'cce',
      cluster_id: PROD,
      cluster_ns: 'payments',
      app_type: 'deployments',
      application: 'app-{repository}',
      enable: true,
    };
    const spec = (names: readonly string[], trigger: Partial<TriggerTemplate> = {}) =>
      ({
        kind: 'trigger-template',
        region: REGION,
        repositories: repositoriesOf(names),
        trigger: { ...template, ...trigger },
      }) satisfies TriggerTemplateSpec;
    const triggersOf = async (repository: string) =>
      (await world.swr.listTriggersDetails({ params: { namespace: 'payments', repository } })).map(
        (trigger) => [
          trigger.name,
          trigger.cluster_id,
          trigger.cluster_ns,
          trigger.application,
          trigger.enable,
        ],
      );

    it('names each workload after its repository, leaving out what does not fit or exists', async () => {
      // `.` and `_` become `-`; of a nested name, the last part.
      const nested = await world.newRepository('/web.api_v2');
      const plain = await world.newRepository();
      const long = await world.newRepository(`-${'x'.repeat(60)}`);
      const taken = await world.newRepository();
      await world.swr.createTrigger({
        params: { namespace: 'payments', repository: taken },
        body: {
          action: 'update',
          name: 'rollout',
          trigger_type: 'all',
          condition: '.*',
          trigger_mode: 'cce',
          cluster_id: STAGING,
          cluster_ns: 'payments-staging',
          app_type: 'deployments',
          application: 'payment-gateway',
          enable: 'false',
        },
      });
      const body = spec([nested, plain, long, taken]);
      const preview = await world.preview(admin, body);
      const where = (repository: string) => ({ namespace: 'payments', repository });
      expect(preview.items).toEqual([
        { ...where(nested), trigger: 'rollout', application: 'app-web-api-v2' },
        { ...where(plain), trigger: 'rollout', application: `app-${plain}` },
      ]);
      expect(preview.kept).toEqual([
        {
          ...where(long),
          subject: 'rollout',
          reason: 'invalid',
          message: expect.stringMatching(/^application: /) as unknown,
        },
        { ...where(taken), subject: 'rollout', reason: 'exists' },
      ]);

      const job = await world.start(admin, body, 2);
      await world.drive(job.id);
      expect(await world.job(job.id)).toMatchObject({ status: 'done', counts: { done: 2 } });
      expect(await triggersOf(nested)).toEqual([
        ['rollout', PROD, 'payments', 'app-web-api-v2', 'true'],
      ]);
      expect(await triggersOf(plain)).toEqual([
        ['rollout', PROD, 'payments', `app-${plain}`, 'true'],
      ]);
      expect(await triggersOf(long)).toEqual([]);
      expect(await triggersOf(taken)).toEqual([
        ['rollout', STAGING, 'payments-staging', 'payment-gateway', 'false'],
      ]);
      const items = await world.items(job.id, 'trigger-template');
      expect(items.map((item) => item.result?.message)).toEqual([
        'trigger rollout created, deploying to app-web-api-v2',
        `trigger rollout created, deploying to app-${plain}`,
      ]);
      const records = await itemRecords(job.id, 2);
      expect(records.map((record) => [record.event, record.outcome])).toEqual([
        ['swr.createTrigger', 'success'],
        ['swr.createTrigger', 'success'],
      ]);
      expect(records.map((record) => record.upstream?.requestId)).toEqual(
        items.map((item) => item.result?.requestId),
      );
      expect(records[0]?.targets).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'cluster', name: PROD }),
          expect.objectContaining({ kind: 'kubernetesNamespace', name: 'payments' }),
          expect.objectContaining({ kind: 'workload', name: 'deployments/app-web-api-v2' }),
        ]),
      );
    });

    it('refuses a user whose deploy targets are limited a cluster or namespace outside them', async () => {
      const repository = await world.newRepository();
      expect((await world.preview(pat, spec([repository]))).items).toHaveLength(1);
      const cluster = await refused(pat, spec([repository], { cluster_id: STAGING }), 1);
      expect(cluster?.reason).toContain(STAGING);
      const namespace = await refused(pat, spec([repository], { cluster_ns: 'default' }), 1);
      expect(namespace?.reason).toContain('default');
      expect(await triggersOf(repository)).toEqual([]);
    });
  });

  describe('share-change', () => {
    const spec = (
      names: readonly string[],
      change: ShareChangeSpec['change'],
      filters: Pick<ShareChangeSpec, 'accounts' | 'endingBefore'> = {},
    ): ShareChangeSpec => ({
      kind: 'share-change',
      region: REGION,
      repositories: repositoriesOf(names),
      ...filters,
      change,
    });
    const share = async (repository: string, account: string, deadline: string) => {
      await world.swr.createRepoDomains({
        params: { namespace: 'payments', repository },
        body: {
          access_domain: account,
          permit: 'read',
          deadline,
          description: `${account} of ${repository}`,
        },
      });
    };
    const sharesOf = async (repository: string) =>
      (await world.swr.listRepoDomains({ params: { namespace: 'payments', repository } })).map(
        (entry) => [entry.access_domain, entry.deadline, entry.description, entry.updated],
      );
    const target = inDays(365);

    /** Two repositories with shares ending at various times (one at `target` already). */
    const shared = async () => {
      const [one, two] = [await world.newRepository(), await world.newRepository()];
      await share(one, 'acme-analytics', inDays(10));
      await share(one, 'contractor-x', inDays(100));
      await share(one, 'research-lab', 'forever');
      await share(two, 'acme-analytics', target);
      await share(two, 'load-tester', inDays(5));
      return [one, two] as const;
    };

    it('picks shares by account and by end, keeping one that ends at the new end already', async () => {
      const [one, two] = await shared();
      const extend = { action: 'extend', deadline: target } as const;
      const where = (repository: string) => ({ namespace: 'payments', repository });
      const accounts = await world.preview(
        admin,
        spec([one, two], extend, { accounts: ['acme-analytics', 'load-tester'] }),
      );
      expect(accounts.items.map((item) => [item.repository, item.account])).toEqual([
        [one, 'acme-analytics'],
        [two, 'load-tester'],
      ]);
      expect(accounts.items[0]).toMatchObject({ description: `acme-analytics of ${one}` });
      expect(accounts.kept).toEqual([
        { ...where(two), subject: 'acme-analytics', reason: 'unchanged' },
      ]);
      // Ending within 30 days: neither the one of 100 days, nor forever, nor the one at target.
      const ending = await world.preview(
        admin,
        spec([one, two], extend, { endingBefore: inDays(30) }),
      );
      expect(ending.items.map((item) => [item.repository, item.account])).toEqual([
        [one, 'acme-analytics'],
        [two, 'load-tester'],
      ]);
      expect(ending.kept).toEqual([]);
      const both = await world.preview(
        admin,
        spec(
          [one, two],
          { action: 'revoke' },
          { accounts: ['contractor-x'], endingBefore: inDays(200) },
        ),
      );
      expect(both.items.map((item) => [item.repository, item.account])).toEqual([
        [one, 'contractor-x'],
      ]);
      const none = await world.preview(
        admin,
        spec(
          [one, two],
          { action: 'revoke' },
          { accounts: ['contractor-x'], endingBefore: inDays(50) },
        ),
      );
      expect(none.items).toEqual([]);
    });

    it('never shortens a share: one that ends later, or never, is left as it is', async () => {
      const [one] = await shared();
      await share(one, 'audit-firm', inDays(400));
      const preview = await world.preview(
        admin,
        spec([one], { action: 'extend', deadline: target }),
      );
      expect(preview.items.map((item) => item.account)).toEqual(['acme-analytics', 'contractor-x']);
      expect(preview.kept.map((entry) => [entry.subject, entry.reason])).toEqual([
        ['research-lab', 'unchanged'],
        ['audit-firm', 'unchanged'],
      ]);
      const forever = await world.preview(
        admin,
        spec([one], { action: 'extend', deadline: 'forever' }),
      );
      expect(forever.items.map((item) => item.account)).toEqual([
        'acme-analytics',
        'contractor-x',
        'audit-firm',
      ]);
      expect(forever.kept.map((entry) => entry.subject)).toEqual(['research-lab']);
    });

    it('extends the shares picked to one end, leaving the others as they were', async () => {
      const [one, two] = await shared();
      const body = spec(
        [one, two],
        { action: 'extend', deadline: target },
        {
          accounts: ['acme-analytics', 'load-tester'],
        },
      );
      const preview = await world.preview(admin, body);
      const [beforeOne, beforeTwo] = [await sharesOf(one), await sharesOf(two)];
      const before = world.mark();
      const job = await world.start(admin, body, preview.items.length);
      await world.drive(job.id);
      expect(await world.job(job.id)).toMatchObject({ status: 'done', counts: { done: 2 } });
      const shares = `/v2/manage/namespaces/payments/repositories`;
      expect(world.writesSince(before)).toEqual([
        `PATCH ${shares}/${one}/access-domains/acme-analytics`,
        `PATCH ${shares}/${two}/access-domains/load-tester`,
      ]);
      const [afterOne, afterTwo] = [await sharesOf(one), await sharesOf(two)];
      expect(afterOne.map((entry) => entry.slice(0, 3))).toEqual([
        ['acme-analytics', target, `acme-analytics of ${one}`],
        ['contractor-x', beforeOne[1]?.[1], `contractor-x of ${one}`],
        ['research-lab', 'forever', `research-lab of ${one}`],
      ]);
      expect(afterOne.slice(1)).toEqual(beforeOne.slice(1));
      // The one at the end already was not written to.
      expect(afterTwo[0]).toEqual(beforeTwo[0]);
      expect(afterTwo[1]?.slice(0, 3)).toEqual(['load-tester', target, `load-tester of ${two}`]);
      const items = await world.items(job.id, 'share-change');
      expect(items.map((item) => [item.status, item.result?.message, item.result?.status])).toEqual(
        [
          ['done', `ends ${target}`, 201],
          ['done', `ends ${target}`, 201],
        ],
      );
      const records = await itemRecords(job.id, 2);
      expect(records.map((record) => [record.event, record.outcome])).toEqual([
        ['swr.updateRepoDomains', 'success'],
        ['swr.updateRepoDomains', 'success'],
      ]);
      expect(records[0]?.targets).toContainEqual(
        expect.objectContaining({ kind: 'account', name: 'acme-analytics' }),
      );
      expect(records.map((record) => record.upstream?.requestId)).toEqual(
        items.map((item) => item.result?.requestId),
      );
    });

    it('revokes the shares picked; one someone else revoked meanwhile is done too', async () => {
      const [one] = await shared();
      const [gone] = await shared();
      const body = spec(
        [one, gone],
        { action: 'revoke' },
        { accounts: ['contractor-x', 'research-lab'] },
      );
      const { items } = await world.preview(admin, body);
      expect(items.map((item) => [item.repository, item.account])).toEqual([
        [one, 'contractor-x'],
        [one, 'research-lab'],
        [gone, 'contractor-x'],
        [gone, 'research-lab'],
      ]);
      // Written as the API writes it. Before it runs, research-lab's share of `one` is revoked
      // (SWR then answers 400 for it) and the repository `gone` deleted (404 for its shares).
      const id = `revoke-${one}`;
      await world.writeJob(id, body, items);
      await world.swr.deleteRepoDomains({
        params: { namespace: 'payments', repository: one, access_domain: 'research-lab' },
      });
      await world.swr.deleteRepo({ params: { namespace: 'payments', repository: gone } });
      const before = world.mark();
      await world.drive(id);
      const shares = '/v2/manage/namespaces/payments/repositories';
      expect(world.writesSince(before)).toEqual(
        items.map((item) => `DELETE ${shares}/${item.repository}/access-domains/${item.account}`),
      );
      expect((await sharesOf(one)).map((entry) => entry[0])).toEqual(['acme-analytics']);
      const settled = await world.items(id, 'share-change');
      const already = 'already gone: an earlier attempt revoked it, or someone else did';
      expect(settled.map((item) => [item.status, item.result?.message])).toEqual([
        ['done', 'revoked'],
        ['done', already],
        ['done', already],
        ['done', already],
      ]);
      expect(settled.map((item) => item.result?.status)).toEqual([204, 400, 404, 404]);
      expect(await world.job(id)).toMatchObject({ status: 'done', counts: { done: 4, failed: 0 } });
    });
  });

  describe('trigger-switch', () => {
    const spec = (
      names: readonly string[],
      enable: boolean,
      triggers?: string[],
    ): TriggerSwitchSpec => ({
      kind: 'trigger-switch',
      region: REGION,
      repositories: repositoriesOf(names),
      ...(triggers === undefined ? {} : { triggers }),
      enable,
    });
    const trigger = (
      repository: string,
      name: string,
      where: { ns: string; app: string; enable: boolean },
    ) =>
      world.prodTrigger(repository, name, {
        namespace: where.ns,
        application: where.app,
        enable: where.enable,
      });
    const enabledOf = async (repository: string) =>
      (await world.swr.listTriggersDetails({ params: { namespace: 'payments', repository } })).map(
        (entry) => [entry.name, entry.enable],
      );

    /** `mine` deploys to payments (Pat's), `theirs` to default (not Pat's). */
    const switched = async () => {
      const [mine, theirs] = [await world.newRepository(), await world.newRepository()];
      await trigger(mine, 'roll', { ns: 'payments', app: 'payments-api', enable: true });
      await trigger(mine, 'idle', { ns: 'payments', app: 'payment-gateway', enable: false });
      await trigger(theirs, 'roll', { ns: 'default', app: 'storefront', enable: true });
      return [mine, theirs] as const;
    };

    it('disables and enables triggers, keeping those already as asked', async () => {
      const [mine, theirs] = await switched();
      const where = (repository: string) => ({ namespace: 'payments', repository });
      const off = spec([mine, theirs], false);
      const preview = await world.preview(admin, off);
      expect(preview.items).toEqual([
        {
          ...where(mine),
          trigger: 'roll',
          cluster: PROD,
          clusterNamespace: 'payments',
          workload: 'deployments/payments-api',
        },
        {
          ...where(theirs),
          trigger: 'roll',
          cluster: PROD,
          clusterNamespace: 'default',
          workload: 'deployments/storefront',
        },
      ]);
      expect(preview.kept).toEqual([{ ...where(mine), subject: 'idle', reason: 'unchanged' }]);
      const named = await world.preview(admin, spec([mine, theirs], false, ['idle']));
      expect(named.items).toEqual([]);
      expect(named.kept).toEqual([{ ...where(mine), subject: 'idle', reason: 'unchanged' }]);

      const before = world.mark();
      const job = await world.start(admin, off, 2);
      await world.drive(job.id);
      expect(await world.job(job.id)).toMatchObject({ status: 'done', counts: { done: 2 } });
      const triggers = '/v2/manage/namespaces/payments/repos';
      expect(world.writesSince(before)).toEqual([
        `PATCH ${triggers}/${mine}/triggers/roll`,
        `PATCH ${triggers}/${theirs}/triggers/roll`,
      ]);
      expect(await enabledOf(mine)).toEqual([
        ['roll', 'false'],
        ['idle', 'false'],
      ]);
      expect(await enabledOf(theirs)).toEqual([['roll', 'false']]);
      const items = await world.items(job.id, 'trigger-switch');
      expect(items.map((item) => [item.status, item.result?.message])).toEqual([
        ['done', 'disabled'],
        ['done', 'disabled'],
      ]);
      const records = await itemRecords(job.id, 2);
      expect(records.map((record) => [record.event, record.outcome])).toEqual([
        ['swr.updateTrigger', 'success'],
        ['swr.updateTrigger', 'success'],
      ]);
      // Named with where the trigger deploys, as the preview read it.
      expect(records[1]?.targets).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'cluster', name: PROD, field: 'trigger.cluster_id' }),
          expect.objectContaining({ kind: 'kubernetesNamespace', name: 'default' }),
        ]),
      );
      expect(records.map((record) => record.upstream?.requestId)).toEqual(
        items.map((item) => item.result?.requestId),
      );

      const on = spec([mine, theirs], true, ['roll']);
      const again = await world.preview(admin, on);
      expect(again.items.map((item) => [item.repository, item.trigger])).toEqual([
        [mine, 'roll'],
        [theirs, 'roll'],
      ]);
      const enabling = await world.start(admin, on, 2);
      await world.drive(enabling.id);
      expect(await enabledOf(mine)).toEqual([
        ['roll', 'true'],
        ['idle', 'false'],
      ]);
      expect(await enabledOf(theirs)).toEqual([['roll', 'true']]);
    });

    it('refuses a user whose deploy targets are limited a trigger that deploys outside them', async () => {
      const [mine, theirs] = await switched();
      // Pat's own: allowed.
      const allowed = await world.preview(pat, spec([mine], false));
      expect(allowed.items.map((item) => item.trigger)).toEqual(['roll']);
      // theirs deploys to default: what the preview read from SWR refuses it.
      const record = await refused(pat, spec([mine, theirs], false), 2);
      expect(record?.reason).toContain('default');
      expect(await enabledOf(mine)).toEqual([
        ['roll', 'true'],
        ['idle', 'false'],
      ]);
      expect(await enabledOf(theirs)).toEqual([['roll', 'true']]);
    });

    /**
     * The previewed items run as a job written after the preview (as the API writes it), each on
     * its first attempt: what SWR was asked (reads too) and the items' outcomes.
     */
    const runOnce = async (
      repository: string,
      body: TriggerSwitchSpec,
      items: readonly object[],
    ) => {
      const id = `first-${repository}`;
      const before = world.mark();
      await world.writeJob(id, body, items);
      await world.drive(id);
      const settled = await world.items(id, 'trigger-switch');
      expect(settled.map((item) => item.attempts)).toEqual(items.map(() => 1));
      const asked = stack.upstreamLog
        .slice(before)
        .map((line) => line.split(' ').slice(1, 3).join(' '));
      return { asked, items: settled, records: await itemRecords(id, items.length) };
    };
    const triggersPath = (repository: string) =>
      `/v2/manage/namespaces/payments/repos/${repository}/triggers`;

    it('switches on a first attempt after reading that the trigger deploys where previewed', async () => {
      const [mine] = await switched();
      const body = spec([mine], false, ['roll']);
      const { items } = await world.preview(pat, body);
      const run = await runOnce(mine, body, items);
      expect(run.asked).toEqual([`GET ${triggersPath(mine)}`, `PATCH ${triggersPath(mine)}/roll`]);
      expect(run.items.map((item) => [item.status, item.result?.message])).toEqual([
        ['done', 'disabled'],
      ]);
      expect(run.records.map((record) => record.outcome)).toEqual(['success']);
      expect(await enabledOf(mine)).toEqual([
        ['roll', 'false'],
        ['idle', 'false'],
      ]);
    });

    it('leaves alone a trigger that deploys elsewhere since the preview, sending nothing', async () => {
      const [mine] = await switched();
      const body = spec([mine], false, ['roll']);
      // Pat may: it deploys to payments on prod.
      const { items } = await world.preview(pat, body);
      expect(items.map((item) => item.clusterNamespace)).toEqual(['payments']);
      // Meanwhile someone points it at default (not Pat's): SWR takes a new target only by
      // making the trigger again.
      const params = { namespace: 'payments', repository: mine };
      await world.swr.deleteTrigger({ params: { ...params, trigger: 'roll' } });
      await trigger(mine, 'roll', { ns: 'default', app: 'storefront', enable: true });
      const run = await runOnce(mine, body, items);
      expect(run.asked).toEqual([`GET ${triggersPath(mine)}`]);
      const reason =
        `deploys elsewhere since the preview (now cluster ${PROD}, Kubernetes namespace ` +
        'default, workload deployments/storefront): nothing sent';
      expect(run.items.map((item) => [item.status, item.result?.message])).toEqual([
        ['failed', reason],
      ]);
      expect(run.records.map((record) => [record.outcome, record.reason])).toEqual([
        ['failure', reason],
      ]);
      const now = await world.swr.listTriggersDetails({ params });
      expect(now.map((entry) => [entry.name, entry.cluster_ns, entry.enable])).toEqual([
        ['idle', 'payments', 'false'],
        ['roll', 'default', 'true'],
      ]);
    });

    it('reports a trigger switched as asked since the preview, sending nothing', async () => {
      const [mine] = await switched();
      const body = spec([mine], false, ['roll']);
      const { items } = await world.preview(admin, body);
      expect(items).toHaveLength(1);
      await world.swr.updateTrigger({
        params: { namespace: 'payments', repository: mine, trigger: 'roll' },
        body: { enable: 'false' },
      });
      const run = await runOnce(mine, body, items);
      expect(run.asked).toEqual([`GET ${triggersPath(mine)}`]);
      expect(run.items.map((item) => [item.status, item.result?.message])).toEqual([
        ['done', 'disabled already'],
      ]);
      expect(run.records.map((record) => [record.outcome, record.upstream])).toEqual([
        ['success', null],
      ]);
    });
  });

  describe('every kind carried out twice', () => {
    let jobs = 0;
    /**
     * Runs the job once (its items written as the API writes them), then again as if its first
     * holder died after its calls: each item claimed again is done, with no second change.
     */
    const twice = async (spec: JobSpec, snapshot: () => Promise<unknown>) => {
      const { items } = await world.preview(admin, spec);
      expect(items.length).toBeGreaterThan(0);
      jobs += 1;
      const id = `${spec.kind}-${String(jobs)}`;
      await world.writeJob(`${id}-once`, spec, items);
      await world.drive(`${id}-once`);
      expect(await world.job(`${id}-once`)).toMatchObject({
        status: 'done',
        counts: { done: items.length },
      });
      const once = await snapshot();
      const before = world.mark();
      await world.writeJob(`${id}-again`, spec, items, { heldByTheDead: true });
      await world.drive(`${id}-again`);
      expect(world.writesSince(before)).toEqual([]);
      expect(await snapshot()).toEqual(once);
      const again = await world.items(`${id}-again`, spec.kind);
      expect(again.map((item) => [item.status, item.attempts])).toEqual(
        items.map(() => ['done', 2]),
      );
      return again.map((item) => item.result?.message);
    };

    it('tag-cleanup', async () => {
      const repository = await world.newRepository();
      for (const tag of ['a1', 'a2', 'keep']) await world.push(repository, tag, 10);
      const spec: JobSpec = {
        kind: 'tag-cleanup',
        region: REGION,
        repositories: repositoriesOf([repository]),
        rule: { pattern: 'a*' },
      };
      const messages = await twice(spec, () => world.tagsOf(repository));
      expect(messages.every((message) => message?.startsWith('already gone'))).toBe(true);
      expect(await world.tagsOf(repository)).toEqual(['keep']);
    });

    it('retention-template', async () => {
      const repository = await world.newRepository();
      await world.push(repository, 'old', 40);
      await world.push(repository, 'new', 1);
      const params = { namespace: 'payments', repository };
      const spec: JobSpec = {
        kind: 'retention-template',
        region: REGION,
        repositories: [params],
        policy: {
          algorithm: 'or',
          rules: [{ template: 'date_rule', params: { days: '30' }, tag_selectors: [] }],
        },
      };
      const messages = await twice(spec, async () => ({
        policies: await world.swr.listRetentions({ params }),
        tags: await world.tagsOf(repository),
      }));
      expect(messages).toEqual(['the repository has the policy already']);
    });

    it('sync-template', async () => {
      const repository = await world.newRepository();
      const params = { namespace: 'payments', repository };
      const spec: JobSpec = {
        kind: 'sync-template',
        region: REGION,
        repositories: [params],
        target: { remoteRegionId: EAST, syncAuto: true, override: true },
      };
      const messages = await twice(spec, () => world.swr.listImageAutoSyncReposDetails({ params }));
      expect(messages).toEqual(['the repository syncs there already']);
    });

    it('trigger-template', async () => {
      const repository = await world.newRepository();
      const params = { namespace: 'payments', repository };
      const spec: JobSpec = {
        kind: 'trigger-template',
        region: REGION,
        repositories: [params],
        trigger: {
          name: 'twice',
          trigger_type: 'tag',
          condition: 'v1;v2',
          trigger_mode: 'cce',
          cluster_id: PROD,
          cluster_ns: 'payments',
          app_type: 'statefulsets',
          application: 'payments-ledger',
          enable: false,
        },
      };
      const messages = await twice(spec, () => world.swr.listTriggersDetails({ params }));
      expect(messages).toEqual(['the repository has the trigger already']);
    });

    it('trigger-template, when a trigger of its name configured otherwise appeared meanwhile', async () => {
      const repository = await world.newRepository();
      const params = { namespace: 'payments', repository };
      const trigger = {
        name: 'appeared',
        trigger_type: 'tag',
        condition: 'v1',
        trigger_mode: 'cce',
        cluster_id: PROD,
        cluster_ns: 'payments',
        app_type: 'statefulsets',
        application: 'payments-ledger',
      } as const;
      const spec: JobSpec = {
        kind: 'trigger-template',
        region: REGION,
        repositories: [params],
        trigger: { ...trigger, enable: true },
      };
      const { items } = await world.preview(admin, spec);
      expect(items).toHaveLength(1);
      await world.swr.createTrigger({
        params,
        body: { ...trigger, action: 'update', condition: 'v2', enable: 'true' },
      });
      jobs += 1;
      const before = world.mark();
      await world.writeJob(`appeared-${String(jobs)}`, spec, items);
      await world.drive(`appeared-${String(jobs)}`);
      expect(world.writesSince(before)).toEqual([]);
      const [item] = await world.items(`appeared-${String(jobs)}`, 'trigger-template');
      expect([item?.status, item?.result?.message]).toEqual([
        'failed',
        'a trigger of that name, configured otherwise, appeared: left alone',
      ]);
      const [kept] = await world.swr.listTriggersDetails({ params });
      expect(kept?.condition).toBe('v2');
    });

    it('share-change, extending and revoking', async () => {
      const repository = await world.newRepository();
      const params = { namespace: 'payments', repository };
      for (const account of ['acme-analytics', 'audit-firm']) {
        await world.swr.createRepoDomains({
          params,
          body: {
            access_domain: account,
            permit: 'read',
            deadline: inDays(3),
            description: account,
          },
        });
      }
      const base: Omit<ShareChangeSpec, 'change'> = {
        kind: 'share-change',
        region: REGION,
        repositories: [params],
      };
      const shares = () => world.swr.listRepoDomains({ params });
      const deadline = inDays(90);
      const extended = await twice({ ...base, change: { action: 'extend', deadline } }, shares);
      expect(extended).toEqual([`ends ${deadline} already`, `ends ${deadline} already`]);
      expect((await shares()).map((entry) => entry.access_domain)).toEqual([
        'acme-analytics',
        'audit-firm',
      ]);
      const revoked = await twice({ ...base, change: { action: 'revoke' } }, shares);
      expect(revoked).toEqual([
        'already gone: an earlier attempt revoked it, or someone else did',
        'already gone: an earlier attempt revoked it, or someone else did',
      ]);
      expect(await shares()).toEqual([]);
    });

    it('fails an item claimed again whose share or trigger is gone, sending nothing', async () => {
      const repository = await world.newRepository();
      const params = { namespace: 'payments', repository };
      await world.swr.createRepoDomains({
        params,
        body: { access_domain: 'acme-analytics', permit: 'read', deadline: inDays(3) },
      });
      await world.swr.createTrigger({
        params,
        body: {
          action: 'update',
          name: 'solo',
          trigger_type: 'all',
          condition: '.*',
          trigger_mode: 'cci',
          cluster_ns: 'payments',
          app_type: 'deployments',
          application: 'solo',
          enable: 'true',
        },
      });
      const specs: [JobSpec, JobSpec] = [
        {
          kind: 'share-change',
          region: REGION,
          repositories: [params],
          change: { action: 'extend', deadline: inDays(30) },
        },
        { kind: 'trigger-switch', region: REGION, repositories: [params], enable: false },
      ];
      const previews = [await world.preview(admin, specs[0]), await world.preview(admin, specs[1])];
      expect(previews.map((preview) => preview.items.length)).toEqual([1, 1]);
      // Gone since: the share revoked, the trigger deleted.
      await world.swr.deleteRepoDomains({ params: { ...params, access_domain: 'acme-analytics' } });
      await world.swr.deleteTrigger({ params: { ...params, trigger: 'solo' } });
      const before = world.mark();
      const messages: unknown[] = [];
      for (const [index, spec] of specs.entries()) {
        const id = `gone-${String(index)}-${repository}`;
        await world.writeJob(id, spec, previews[index]?.items ?? [], { heldByTheDead: true });
        await world.drive(id);
        const [item] = await world.items(id, spec.kind);
        messages.push([item?.status, item?.result?.message]);
      }
      expect(world.writesSince(before)).toEqual([]);
      expect(messages).toEqual([
        ['failed', 'not shared with acme-analytics any more: nothing to extend'],
        ['failed', 'the trigger is gone: nothing to switch'],
      ]);
    });

    it('trigger-switch', async () => {
      const repository = await world.newRepository();
      const params = { namespace: 'payments', repository };
      for (const name of ['one', 'two']) {
        await world.swr.createTrigger({
          params,
          body: {
            action: 'update',
            name,
            trigger_type: 'all',
            condition: '.*',
            trigger_mode: 'cci',
            cluster_ns: 'payments',
            app_type: 'deployments',
            application: name,
            enable: 'true',
          },
        });
      }
      const spec: JobSpec = {
        kind: 'trigger-switch',
        region: REGION,
        repositories: [params],
        enable: false,
      };
      const triggers = async () =>
        (await world.swr.listTriggersDetails({ params })).map((entry) => [
          entry.name,
          entry.enable,
        ]);
      expect(await twice(spec, triggers)).toEqual(['disabled already', 'disabled already']);
      expect(await triggers()).toEqual([
        ['one', 'false'],
        ['two', 'false'],
      ]);
    });
  });
});
