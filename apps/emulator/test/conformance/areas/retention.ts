/** Retention policies and their logs (operations 39–44). */
import type { OperationInput } from '@swr-dashboard/swr-client';
import { expect } from 'vitest';
import {
  anyNumber,
  at,
  createRepository,
  DAY,
  expectOk,
  expectSwrError,
  T0,
  type Area,
  type Side,
} from '../harness';

const REPO = { namespace: 'aging', repository: 'svc' };

type RetentionBody = OperationInput<'createRetention'>['body'];

/** Keep the `num` newest tags; `keep-me` is exempt. */
function keepNewest(num: string): RetentionBody {
  return {
    algorithm: 'or',
    rules: [
      {
        template: 'tag_rule',
        params: { num },
        tag_selectors: [{ kind: 'label', pattern: 'keep-me' }],
      },
    ],
  };
}

/** Pushes tags backdated by the given number of days. */
async function pushAged(side: Side, tags: Record<string, number>) {
  for (const [tag, days] of Object.entries(tags)) {
    await side.push({ ...REPO, tag, created: at(-days * DAY) });
  }
}

async function tagsOf(side: Side) {
  const page = expectOk(await side.call('listRepositoryTags', { params: REPO }), 200);
  return page.items.map((item) => item.Tag);
}

export const retention: Area = {
  name: 'retention',
  scenarios: [
    {
      name: 'a policy applies when created, changed and after each push, and logs what it deleted',
      async run(side) {
        await createRepository(side, REPO.namespace, REPO.repository);
        await pushAged(side, { 'keep-me': 40, v1: 30, v2: 20, v3: 10 });
        expect(expectOk(await side.call('listRetentions', { params: REPO }), 200)).toEqual([]);

        const created = expectOk(
          await side.call('createRetention', { params: REPO, body: keepNewest('2') }),
          201,
        );
        expect(created).toEqual({ id: anyNumber });
        const id = created.id;
        // The two newest tags stay; `keep-me` is exempt.
        expect(await tagsOf(side)).toEqual(['v3', 'v2', 'keep-me']);

        const policy = { id, ...keepNewest('2'), scope: '' };
        expect(expectOk(await side.call('listRetentions', { params: REPO }), 200)).toEqual([
          policy,
        ]);
        expect(
          expectOk(
            await side.call('showRetention', { params: { ...REPO, retention_id: id } }),
            200,
          ),
        ).toEqual(policy);

        const logs = expectOk(await side.call('listRetentionHistories', { params: REPO }), 200);
        expect(logs).toEqual({
          items: [
            {
              id: anyNumber,
              created_at: T0,
              namespace: 'aging',
              repo: 'svc',
              tag: 'v1',
              retention_id: id,
              rule_type: JSON.stringify(keepNewest('2').rules[0]),
            },
          ],
          offset: 0,
          count: 1,
          total: 1,
        });

        expectOk(
          await side.call('updateRetention', {
            params: { ...REPO, retention_id: id },
            body: keepNewest('1'),
          }),
          201,
        );
        expect(await tagsOf(side)).toEqual(['v3', 'keep-me']);

        const pushed = await side.push({ ...REPO, tag: 'v4' });
        expect(pushed.retentionDeleted).toEqual(['v3']);
        expect(await tagsOf(side)).toEqual(['v4', 'keep-me']);

        const page = expectOk(
          await side.call('listRetentionHistories', {
            params: REPO,
            query: { limit: 2, offset: 0 },
          }),
          200,
        );
        expect(page).toMatchObject({ offset: 0, count: 2, total: 3 });
        expect(page.items.map((log) => log.tag)).toEqual(['v3', 'v2']);
        const next = expectOk(
          await side.call('listRetentionHistories', {
            params: REPO,
            query: { limit: 2, offset: 2 },
          }),
          200,
        );
        expect(next).toMatchObject({ offset: 2, count: 1, total: 3 });
        expect(next.items.map((log) => log.tag)).toEqual(['v1']);

        expectOk(
          await side.call('deleteRetention', { params: { ...REPO, retention_id: id } }),
          200,
        );
        expect(expectOk(await side.call('listRetentions', { params: REPO }), 200)).toEqual([]);
        const free = await side.push({ ...REPO, tag: 'v5' });
        expect(free.retentionDeleted).toEqual([]);
        expect(await tagsOf(side)).toEqual(['v5', 'v4', 'keep-me']);
      },
    },
    {
      name: 'a date rule keeps the tags pushed within its days',
      async run(side) {
        await createRepository(side, REPO.namespace, REPO.repository);
        await pushAged(side, { old: 30, recent: 10, 'release-1': 60 });
        const created = expectOk(
          await side.call('createRetention', {
            params: REPO,
            body: {
              algorithm: 'or',
              rules: [
                {
                  template: 'date_rule',
                  params: { days: '15' },
                  tag_selectors: [{ kind: 'regexp', pattern: '^release-' }],
                },
              ],
            },
          }),
          201,
        );
        expect(await tagsOf(side)).toEqual(['recent', 'release-1']);
        const logs = expectOk(
          await side.call('listRetentionHistories', {
            params: REPO,
            query: { limit: 10, offset: 0 },
          }),
          200,
        );
        expect(logs.items.map((log) => [log.tag, log.retention_id])).toEqual([['old', created.id]]);
      },
    },
    {
      name: 'one policy per repository, its template fixed; unknown policies are 400',
      async run(side) {
        await createRepository(side, REPO.namespace, REPO.repository);
        const { id } = expectOk(
          await side.call('createRetention', { params: REPO, body: keepNewest('5') }),
          201,
        );
        expectSwrError(
          await side.call('createRetention', { params: REPO, body: keepNewest('3') }),
          'invalidParam',
        );
        expectSwrError(
          await side.call('updateRetention', {
            params: { ...REPO, retention_id: id },
            body: {
              algorithm: 'or',
              rules: [{ template: 'date_rule', params: { days: '30' }, tag_selectors: [] }],
            },
          }),
          'invalidParam',
        );
        const unknown = { ...REPO, retention_id: id + 100 };
        expectSwrError(await side.call('showRetention', { params: unknown }), 'retentionNotFound');
        expectSwrError(
          await side.call('updateRetention', { params: unknown, body: keepNewest('1') }),
          'retentionNotFound',
        );
        // SWR's `{errors: [...]}` body for this one, read by both clients.
        expectSwrError(
          await side.call('deleteRetention', { params: unknown }),
          'retentionNotFound',
        );
        expectOk(
          await side.call('deleteRetention', { params: { ...REPO, retention_id: id } }),
          200,
        );
        expectSwrError(
          await side.call('deleteRetention', { params: { ...REPO, retention_id: id } }),
          'retentionNotFound',
        );
        expect(expectOk(await side.call('listRetentions', { params: REPO }), 200)).toEqual([]);
      },
    },
    {
      name: 'a policy created after another was deleted gets a new id; old logs keep the old one',
      async run(side) {
        await createRepository(side, REPO.namespace, REPO.repository);
        await pushAged(side, { v1: 3, v2: 2 });
        const first = expectOk(
          await side.call('createRetention', { params: REPO, body: keepNewest('1') }),
          201,
        );
        expectOk(
          await side.call('deleteRetention', { params: { ...REPO, retention_id: first.id } }),
          200,
        );
        const second = expectOk(
          await side.call('createRetention', { params: REPO, body: keepNewest('5') }),
          201,
        );
        // Logs outlive their policy: an id used again would hand v1's log to the new policy.
        expect(second.id).not.toBe(first.id);
        const logs = expectOk(await side.call('listRetentionHistories', { params: REPO }), 200);
        expect(logs.items.map((log) => [log.tag, log.retention_id])).toEqual([['v1', first.id]]);
        expectSwrError(
          await side.call('showRetention', { params: { ...REPO, retention_id: first.id } }),
          'retentionNotFound',
        );
      },
    },
    {
      name: 'retention of a missing repository: 404',
      async run(side) {
        await createRepository(side, REPO.namespace, 'present');
        const missing = { namespace: REPO.namespace, repository: 'ghost' };
        expectSwrError(
          await side.call('createRetention', { params: missing, body: keepNewest('1') }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('listRetentions', { params: missing }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('listRetentionHistories', { params: missing }),
          'repositoryNotFound',
        );
        const policy = { ...missing, retention_id: 1 };
        expectSwrError(await side.call('showRetention', { params: policy }), 'repositoryNotFound');
        expectSwrError(
          await side.call('updateRetention', { params: policy, body: keepNewest('1') }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('deleteRetention', { params: policy }),
          'repositoryNotFound',
        );
      },
    },
  ],
};
