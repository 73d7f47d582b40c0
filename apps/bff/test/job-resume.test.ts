/**
 * A cancelled job resumes (POST /api/jobs/:id/resume), against the real emulator: with the
 * confirmed count of the items it had not started (409 `preview_changed` otherwise), only when
 * it is cancelled with such items (409 `job_not_resumable`), only for whoever sees it (404).
 * Every item then runs exactly once, each resumed one checked first: a tag pushed again since
 * the preview is left alone, a tag someone deleted is done, a trigger someone switched already
 * is not switched again. A resume is authorized item by item, as a retry is: a scoped admin may
 * not resume switching a trigger that deploys outside their deploy targets, and a trigger pointed
 * elsewhere since the preview is not switched when the job goes on.
 */
import {
  jobSummary,
  type JobSummary,
  type TagCleanupSpec,
  type TriggerSwitchSpec,
} from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { KindJobs, PROD, REGION, type AuditEntry } from './support/kind-jobs';
import { startStack, type Browser, type Stack } from './support/stack';

describe('resuming a cancelled job', { timeout: 60_000 }, () => {
  let stack: Stack;
  let admin: Browser;
  let world: KindJobs;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        // Slow enough that a cancel sent as the job starts finds most of its items not started.
        JOBS_CALLS_PER_SECOND: '8',
        // Pat (organizations payments*, deploy targets payments* on any cluster) is an admin here.
        ROLE_ADMIN_GROUPS: 'swr-admins,swr-operators-payments',
        RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000',
      },
    });
    admin = stack.browser();
    await admin.signInDemo('ada-admin');
    world = new KindJobs(stack, admin, 'resume');
  });
  afterAll(async () => {
    await stack.close();
  });

  const resume = (browser: Browser, id: string, count: number) =>
    browser.request('POST', `/api/jobs/${id}/resume`, { json: { confirm: { count } } });

  const cleanup = (repository: string): TagCleanupSpec => ({
    kind: 'tag-cleanup',
    region: REGION,
    repositories: [{ namespace: 'payments', repository }],
    rule: { pattern: 't*' },
  });

  /** The job's records of its own life (its items' aside), oldest first, once all are written. */
  const lifeOf = async (id: string, last: string) => {
    let events: string[] = [];
    await eventually(async () => {
      const records = await world.records(id);
      events = records.map((record) => record.event).filter((event) => event.startsWith('job.'));
      expect(events.at(-1)).toBe(last);
    });
    return events;
  };

  it('goes on with the items it had not started, each once, each checked first', async () => {
    const repository = await world.newRepository();
    const total = 20;
    for (let index = 0; index < total; index += 1)
      await world.push(repository, `t${String(index)}`, 50 - index);
    const spec = cleanup(repository);
    expect((await world.preview(admin, spec)).items).toHaveLength(total);
    const before = world.mark();
    const job = await world.start(admin, spec, total);
    const cancel = await admin.request('POST', `/api/jobs/${job.id}/cancel`);
    expect(cancel.status, cancel.text).toBe(200);
    await world.drive(job.id);
    const stopped = await world.job(job.id);
    expect(stopped.status).toBe('cancelled');
    const left = stopped.counts.cancelled;
    expect(left).toBeGreaterThanOrEqual(3);
    expect(stopped.counts.done + left).toBe(total);

    // Meanwhile a pipeline pushes one of the tags left again (another image), and someone
    // deletes another.
    const cancelled = (await world.items(job.id, 'tag-cleanup')).filter(
      (item) => item.status === 'cancelled',
    );
    const [repushed, deleted] = cancelled.map((item) => item.target);
    if (repushed === undefined || deleted === undefined) throw new Error('too few cancelled');
    expect(await world.push(repository, repushed.tag, 1)).not.toBe(repushed.digest);
    await world.swr.deleteRepoTag({
      params: { namespace: 'payments', repository, tag: deleted.tag },
    });

    const stale = await resume(admin, job.id, left + 1);
    expect(stale.status, stale.text).toBe(409);
    expect(stale.json).toMatchObject({ code: 'preview_changed' });
    const otto = stack.browser();
    await otto.signInDemo('otto-operator');
    const hidden = await resume(otto, job.id, left);
    expect(hidden.status, hidden.text).toBe(404);
    expect(await world.job(job.id)).toMatchObject({ status: 'cancelled' });

    const resumed = await resume(admin, job.id, left);
    expect(resumed.status, resumed.text).toBe(200);
    expect(jobSummary.parse(resumed.json)).toMatchObject({ id: job.id, status: 'running' });
    await world.drive(job.id);
    expect(await world.job(job.id)).toMatchObject({
      status: 'done',
      counts: { done: total - 1, failed: 1, cancelled: 0, pending: 0, running: 0 },
    });

    const items = await world.items(job.id, 'tag-cleanup');
    const outcome = (tag: string) => {
      const item = items.find((candidate) => candidate.target.tag === tag);
      return [item?.status, item?.attempts, item?.result?.message];
    };
    expect(outcome(repushed.tag)).toEqual([
      'failed',
      2,
      'pushed again since the preview (another digest): left alone',
    ]);
    expect(outcome(deleted.tag)).toEqual([
      'done',
      2,
      'already gone: an earlier attempt deleted it, or someone else did',
    ]);
    const wasCancelled = new Set(cancelled.map((item) => item.seq));
    for (const item of items) {
      if ([repushed.tag, deleted.tag].includes(item.target.tag)) continue;
      expect([item.status, item.attempts, item.result?.message]).toEqual([
        'done',
        wasCancelled.has(item.seq) ? 2 : 1,
        'deleted',
      ]);
    }
    // Every tag but the one pushed again deleted by exactly one DELETE (the job's or, for one,
    // someone else's).
    const deletes = world.writesSince(before).filter((write) => write.startsWith('DELETE '));
    expect(deletes).toHaveLength(total - 1);
    expect(new Set(deletes).size).toBe(total - 1);
    expect(deletes.some((write) => write.endsWith(`/tags/${repushed.tag}`))).toBe(false);
    expect(await world.tagsOf(repository)).toEqual([repushed.tag]);

    expect(await lifeOf(job.id, 'job.done')).toEqual([
      'job.created',
      'job.cancel',
      'job.cancelled',
      'job.resumed',
      'job.done',
    ]);
    const records = await world.records(job.id);
    const of = (event: string) => records.find((record) => record.event === event);
    const named = [expect.objectContaining({ kind: 'namespace', name: 'payments' })];
    // The cancel and the resume name the job, and what it names (a scoped reader sees them).
    expect(of('job.cancel')).toMatchObject({
      outcome: 'success',
      actor: { name: 'Ada Admin' },
      reason: `job ${job.id}`,
      targets: named,
      bff: { region: REGION },
    });
    expect(of('job.resumed')).toMatchObject({
      outcome: 'success',
      httpStatus: 200,
      reason: `job ${job.id}: ${String(left)} items resumed`,
      request: { body: { spec, total: left } },
      targets: named,
    });
    expect(of('job.done')).toMatchObject({
      outcome: 'failure',
      reason: `${String(total - 1)} done, 1 failed, 0 cancelled of ${String(total)}`,
    });
    const again = await resume(admin, job.id, 1);
    expect(again.status, again.text).toBe(409);
    expect(again.json).toMatchObject({ code: 'job_not_resumable' });
  });

  it('refuses to resume a job that runs or has no item left to resume', async () => {
    const repository = await world.newRepository();
    await world.push(repository, 't1', 5);
    const spec = cleanup(repository);
    const { items } = await world.preview(admin, spec);
    const id = `running-${repository}`;
    // Held by a replica of the test's own: it stays running meanwhile.
    const { fleet } = stack.bff.store;
    await world.writeJob(id, spec, items, { keepLease: true });
    const running = await resume(admin, id, 1);
    expect(running.status, running.text).toBe(409);
    expect(running.json).toMatchObject({ code: 'job_not_resumable' });
    // Cancelled, but its one item had been carried out.
    await world.swr.deleteRepoTag({ params: { namespace: 'payments', repository, tag: 't1' } });
    const claimed = await stack.bff.store.jobs.claim(
      id,
      'test',
      Date.now(),
      Date.now() + 60_000,
      1,
    );
    expect(claimed).toHaveLength(1);
    expect(await stack.bff.store.jobs.setStatus(id, 'cancelling', Date.now())).toBe(true);
    await fleet.release(`job:${id}`, 'test');
    const [item] = claimed;
    if (item === undefined) throw new Error('nothing claimed');
    await stack.bff.store.jobs.settle(item, 'test', { status: 'done', result: '{}' }, Date.now());
    await world.drive(id);
    const job: JobSummary = await world.job(id);
    expect(job).toMatchObject({ status: 'cancelled', counts: { done: 1, cancelled: 0 } });
    const empty = await resume(admin, id, 1);
    expect(empty.status, empty.text).toBe(409);
    expect(empty.json).toMatchObject({ code: 'job_not_resumable' });
  });

  it('authorizes each item resumed: a scoped admin may not switch a trigger outside their targets', async () => {
    const repository = await world.newRepository();
    const params = { namespace: 'payments', repository };
    await world.prodTrigger(repository, 'theirs', {
      namespace: 'default',
      application: 'storefront',
    });
    await world.prodTrigger(repository, 'mine', {
      namespace: 'payments',
      application: 'storefront',
    });
    const enabled = async () =>
      (await world.swr.listTriggersDetails({ params })).map((entry) => [entry.name, entry.enable]);
    const spec: TriggerSwitchSpec = {
      kind: 'trigger-switch',
      region: REGION,
      repositories: [params],
      enable: false,
    };
    const { items } = await world.preview(admin, spec);
    expect(items.map((item) => [item.trigger, item.clusterNamespace])).toEqual([
      ['theirs', 'default'],
      ['mine', 'payments'],
    ]);
    // Someone's job, cancelled before it started.
    const id = `switch-${repository}`;
    await world.writeJob(id, spec, items, { cancelled: true });
    await world.drive(id);
    expect(await world.job(id)).toMatchObject({ status: 'cancelled', counts: { cancelled: 2 } });

    // Pat sees the job (its organization is Pat's) but may not switch `theirs`.
    const pat = stack.browser();
    await pat.signInDemo('pat-payments');
    expect((await pat.get(`/api/jobs/${id}`)).status).toBe(200);
    const before = world.mark();
    const refused = await resume(pat, id, 2);
    expect(refused.status, refused.text).toBe(403);
    expect(refused.json).toMatchObject({ code: 'forbidden' });
    expect(world.writesSince(before)).toEqual([]);
    expect(await world.job(id)).toMatchObject({ status: 'cancelled', counts: { cancelled: 2 } });
    const denied = await admin.get('/api/audit?action=authz.denied&limit=1');
    const [record] = (denied.json as { items: AuditEntry[] }).items;
    expect(record).toMatchObject({
      actor: { name: 'Pat Payments' },
      httpStatus: 403,
      reason: expect.stringContaining('default') as unknown,
    });

    // Meanwhile someone disables `mine` by hand (the first PATCH below); Ada resumes: the job
    // switches only `theirs`.
    await world.swr.updateTrigger({
      params: { ...params, trigger: 'mine' },
      body: { enable: 'false' },
    });
    const resumed = await resume(admin, id, 2);
    expect(resumed.status, resumed.text).toBe(200);
    await world.drive(id);
    expect(world.writesSince(before)).toEqual([
      `PATCH /v2/manage/namespaces/payments/repos/${repository}/triggers/mine`,
      `PATCH /v2/manage/namespaces/payments/repos/${repository}/triggers/theirs`,
    ]);
    expect(await enabled()).toEqual([
      ['theirs', 'false'],
      ['mine', 'false'],
    ]);
    const settled = await world.items(id, 'trigger-switch');
    expect(settled.map((item) => [item.target.trigger, item.status, item.result?.message])).toEqual(
      [
        ['theirs', 'done', 'disabled'],
        ['mine', 'done', 'disabled already'],
      ],
    );
  });

  it('does not switch a resumed trigger pointed elsewhere since its preview: nothing is sent', async () => {
    const repository = await world.newRepository();
    const params = { namespace: 'payments', repository };
    await world.prodTrigger(repository, 'roll', {
      namespace: 'payments',
      application: 'payments-api',
    });
    const spec: TriggerSwitchSpec = {
      kind: 'trigger-switch',
      region: REGION,
      repositories: [params],
      enable: false,
    };
    const pat = stack.browser();
    await pat.signInDemo('pat-payments');
    // Pat may: it deploys to payments. The job is cancelled before it starts.
    const { items } = await world.preview(pat, spec);
    expect(items.map((item) => item.clusterNamespace)).toEqual(['payments']);
    const id = `elsewhere-${repository}`;
    await world.writeJob(id, spec, items, { cancelled: true });
    await world.drive(id);
    // Meanwhile someone points it at default (not Pat's), making it again.
    await world.swr.deleteTrigger({ params: { ...params, trigger: 'roll' } });
    await world.prodTrigger(repository, 'roll', {
      namespace: 'default',
      application: 'storefront',
    });
    // The resume is authorized for where the item says it deploys; carrying it out reads SWR.
    const before = world.mark();
    const resumed = await resume(pat, id, 1);
    expect(resumed.status, resumed.text).toBe(200);
    await world.drive(id);
    expect(world.writesSince(before)).toEqual([]);
    const [item] = await world.items(id, 'trigger-switch');
    expect([item?.status, item?.result?.message]).toEqual([
      'failed',
      `deploys elsewhere since the preview (now cluster ${PROD}, Kubernetes namespace default, workload deployments/storefront): nothing sent`,
    ]);
    const [now] = await world.swr.listTriggersDetails({ params });
    expect([now?.cluster_ns, now?.enable]).toEqual(['default', 'true']);
  });
});
