/** Sharing images with other accounts (operations 13–18). */
import { expect } from 'vitest';
import {
  at,
  createRepository,
  DAY,
  expectOk,
  expectSignatureError,
  expectSwrError,
  OPS_ADMIN,
  T0,
  type Area,
} from '../harness';

const REPO = { namespace: 'shared', repository: 'tools/cli' };
const PARTNER = { ...REPO, access_domain: 'partner-corp' };

export const sharing: Area = {
  name: 'sharing',
  scenarios: [
    {
      name: 'share with an account, check, list, update and stop sharing',
      async run(side) {
        await createRepository(side, REPO.namespace, REPO.repository);
        expect(expectOk(await side.call('showAccessDomain', { params: PARTNER }), 200)).toEqual({
          exist: false,
        });

        expectOk(
          await side.call('createRepoDomains', {
            params: REPO,
            body: {
              access_domain: 'partner-corp',
              permit: 'read',
              deadline: 'forever',
              description: 'partner pulls',
            },
          }),
          201,
        );
        const share = {
          namespace: 'shared',
          repository: 'tools/cli',
          access_domain: 'partner-corp',
          permit: 'read',
          deadline: 'forever',
          description: 'partner pulls',
          creator_id: OPS_ADMIN.id,
          creator_name: OPS_ADMIN.name,
          created: T0,
          updated: T0,
          status: true,
        };
        expect(expectOk(await side.call('showAccessDomain', { params: PARTNER }), 200)).toEqual({
          exist: true,
          ...share,
        });
        expect(expectOk(await side.call('listRepoDomains', { params: REPO }), 200)).toEqual([
          share,
        ]);

        const mine = expectOk(
          await side.call('listSharedReposDetails', { query: { center: 'self' } }),
          200,
        );
        expect(mine).toMatchObject({ offset: 0, count: 1, total: 1 });
        expect(mine.items[0]).toMatchObject({
          namespace: 'shared',
          name: 'tools/cli',
          domain_name: 'demo-ops',
          total_range: 1,
        });
        const theirs = expectOk(
          await side.call(
            'listSharedReposDetails',
            { query: { center: 'thirdparty' } },
            { account: 'partner-corp' },
          ),
          200,
        );
        expect(theirs).toMatchObject({ offset: 0, count: 1, total: 1 });
        expect(theirs.items[0]).toMatchObject({
          namespace: 'shared',
          name: 'tools/cli',
          domain_name: 'demo-ops',
          status: true,
        });
        // Nothing is shared with the demo account itself.
        const none = expectOk(
          await side.call('listSharedReposDetails', { query: { center: 'thirdparty' } }),
          200,
        );
        expect(none).toEqual({ items: [], offset: 0, count: 0, total: 0 });

        side.setTime(at(DAY));
        expectOk(
          await side.call('updateRepoDomains', {
            params: PARTNER,
            body: { permit: 'read', deadline: '2030-01-01T00:00:00.000Z' },
          }),
          201,
        );
        expect(expectOk(await side.call('showAccessDomain', { params: PARTNER }), 200)).toEqual({
          exist: true,
          ...share,
          deadline: '2030-01-01T00:00:00.000Z',
          updated: at(DAY),
        });

        expectOk(await side.call('deleteRepoDomains', { params: PARTNER }), 204);
        expect(expectOk(await side.call('showAccessDomain', { params: PARTNER }), 200)).toEqual({
          exist: false,
        });
        expect(expectOk(await side.call('listRepoDomains', { params: REPO }), 200)).toEqual([]);
        const gone = expectOk(
          await side.call(
            'listSharedReposDetails',
            { query: { center: 'thirdparty' } },
            { account: 'partner-corp' },
          ),
          200,
        );
        expect(gone.items).toEqual([]);
      },
    },
    {
      name: 'sharing twice is 409, with oneself, until a past deadline or with an unknown account 400, unknown shares 400',
      async run(side) {
        await createRepository(side, REPO.namespace, REPO.repository);
        const body = {
          access_domain: 'partner-corp',
          permit: 'read',
          deadline: 'forever',
        } as const;
        expectOk(await side.call('createRepoDomains', { params: REPO, body }), 201);
        expectSwrError(await side.call('createRepoDomains', { params: REPO, body }), 'shareExists');
        expectSwrError(
          await side.call('createRepoDomains', {
            params: REPO,
            body: { ...body, access_domain: 'demo-ops' },
          }),
          'invalidDomain',
        );
        expectSwrError(
          await side.call('createRepoDomains', {
            params: REPO,
            body: { ...body, access_domain: 'late-corp', deadline: '2025-01-01T00:00:00Z' },
          }),
          'invalidParam',
        );
        expectSwrError(
          await side.call('createRepoDomains', {
            params: REPO,
            body: { ...body, access_domain: 'stranger-corp' },
          }),
          'shareNotFound',
        );
        const unknown = { ...REPO, access_domain: 'stranger-corp' };
        expectSwrError(
          await side.call('updateRepoDomains', {
            params: unknown,
            body: { permit: 'read', deadline: 'forever' },
          }),
          'shareNotFound',
        );
        expectSwrError(await side.call('deleteRepoDomains', { params: unknown }), 'shareNotFound');
        expectSwrError(
          await side.call('updateRepoDomains', {
            params: PARTNER,
            body: { permit: 'read', deadline: '2025-05-01T00:00:00Z' },
          }),
          'invalidParam',
        );
        expect(expectOk(await side.call('listRepoDomains', { params: REPO }), 200)).toHaveLength(1);
      },
    },
    {
      name: 'sharing a missing repository: 404 everywhere',
      async run(side) {
        await createRepository(side, REPO.namespace, 'present');
        const missing = { ...REPO, access_domain: 'partner-corp' };
        expectSwrError(
          await side.call('createRepoDomains', {
            params: REPO,
            body: { access_domain: 'partner-corp', permit: 'read', deadline: 'forever' },
          }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('showAccessDomain', { params: missing }),
          'repositoryNotFound',
        );
        expectSwrError(await side.call('listRepoDomains', { params: REPO }), 'repositoryNotFound');
        expectSwrError(
          await side.call('deleteRepoDomains', { params: missing }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('listRepoDomains', {
            params: { namespace: 'no-such-org', repository: 'tools/cli' },
          }),
          'namespaceNotFound',
        );
      },
    },
    {
      name: 'a share expires at its deadline: still listed, no longer valid',
      async run(side) {
        await createRepository(side, REPO.namespace, REPO.repository);
        expectOk(
          await side.call('createRepoDomains', {
            params: REPO,
            body: { access_domain: 'partner-corp', permit: 'read', deadline: at(DAY) },
          }),
          201,
        );
        side.setTime(at(2 * DAY));
        expect(
          expectOk(await side.call('showAccessDomain', { params: PARTNER }), 200),
        ).toMatchObject({ exist: true, deadline: at(DAY), status: false });
        const theirs = expectOk(
          await side.call(
            'listSharedReposDetails',
            { query: { center: 'thirdparty', limit: 10, offset: 0 } },
            { account: 'partner-corp' },
          ),
          200,
        );
        expect(theirs.items.map((item) => [item.name, item.status])).toEqual([
          ['tools/cli', false],
        ]);
      },
    },
    {
      name: 'listing shared images needs a valid signature (401)',
      async run(side) {
        expectSignatureError(
          await side.call(
            'listSharedReposDetails',
            { query: { center: 'self' } },
            { signature: 'wrong-sk' },
          ),
        );
      },
    },
  ],
};
