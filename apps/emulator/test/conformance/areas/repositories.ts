/** Repositories and tags (operations 5–11). */
import { expect } from 'vitest';
import {
  at,
  clusterId,
  createOrganization,
  createRepository,
  EAST,
  expectOk,
  expectSignatureError,
  expectSwrError,
  HOUR,
  MAIN,
  matching,
  OPS_ADMIN,
  T0,
  type Area,
} from '../harness';

export const repositories: Area = {
  name: 'repositories and tags',
  scenarios: [
    {
      name: 'create, show, update, list and delete a repository; 409 when it exists, 404 when gone',
      async run(side) {
        await createOrganization(side, 'shop');
        const repo = { namespace: 'shop', repository: 'web/app' };
        expectOk(
          await side.call('createRepo', {
            params: { namespace: 'shop' },
            body: {
              repository: 'web/app',
              is_public: false,
              category: 'linux',
              description: 'Storefront',
            },
          }),
          201,
        );
        expectSwrError(
          await side.call('createRepo', {
            params: { namespace: 'shop' },
            body: { repository: 'web/app', is_public: true },
          }),
          'repositoryExists',
        );
        expectSwrError(
          await side.call('createRepo', {
            params: { namespace: 'no-such-org' },
            body: { repository: 'web/app', is_public: false },
          }),
          'namespaceNotFound',
        );

        const shown = expectOk(await side.call('showRepository', { params: repo }), 200);
        expect(shown).toMatchObject({
          name: 'web/app',
          category: 'linux',
          description: 'Storefront',
          is_public: false,
          num_images: 0,
          size: 0,
          creator_id: OPS_ADMIN.id,
          creator_name: OPS_ADMIN.name,
          path: 'swr.cn-north-4.myhuaweicloud.com/shop/web/app',
          created: T0,
          updated: T0,
        });

        side.setTime(at(HOUR));
        expectOk(
          await side.call('updateRepo', {
            params: repo,
            body: { is_public: true, category: 'arms', description: 'Public storefront' },
          }),
          201,
        );
        const updated = expectOk(await side.call('showRepository', { params: repo }), 200);
        expect(updated).toMatchObject({
          is_public: true,
          category: 'arms',
          description: 'Public storefront',
          updated: at(HOUR),
        });
        expectSwrError(
          await side.call('updateRepo', {
            params: { namespace: 'shop', repository: 'web/missing' },
            body: { is_public: true },
          }),
          'repositoryNotFound',
        );

        // `arm` (the docs) and `arms` (the SDK) are one category.
        const arm = expectOk(
          await side.call('listReposDetails', { query: { namespace: 'shop', category: 'arm' } }),
          200,
        );
        expect(arm.items.map((item) => item.name)).toEqual(['web/app']);
        expect(arm).toMatchObject({ offset: 0, count: 1, total: 1 });

        expectOk(await side.call('deleteRepo', { params: repo }), 204);
        expectSwrError(await side.call('showRepository', { params: repo }), 'repositoryNotFound');
        expectSwrError(await side.call('deleteRepo', { params: repo }), 'repositoryNotFound');
        const empty = expectOk(
          await side.call('listReposDetails', { query: { namespace: 'shop' } }),
          200,
        );
        expect(empty).toEqual({ items: [], offset: 0, count: 0, total: 0 });
      },
    },
    {
      name: 'list repositories with filters, order and pages',
      async run(side) {
        await createOrganization(side, 'catalog');
        await createOrganization(side, 'other');
        const names = ['alpha', 'beta', 'gamma/core'];
        for (const [index, repository] of names.entries()) {
          side.setTime(at(index * HOUR));
          expectOk(
            await side.call('createRepo', {
              params: { namespace: 'catalog' },
              body: { repository, is_public: index === 1, category: 'database' },
            }),
            201,
          );
        }
        expectOk(
          await side.call('createRepo', {
            params: { namespace: 'other' },
            body: { repository: 'alpha', is_public: true },
          }),
          201,
        );

        const first = expectOk(
          await side.call('listReposDetails', {
            query: {
              namespace: 'catalog',
              limit: 2,
              offset: 0,
              order_column: 'name',
              order_type: 'asc',
            },
          }),
          200,
        );
        expect(first).toMatchObject({ offset: 0, count: 2, total: 3 });
        expect(first.items.map((item) => [item.namespace, item.name, item.total_range])).toEqual([
          ['catalog', 'alpha', 3],
          ['catalog', 'beta', 3],
        ]);
        const second = expectOk(
          await side.call('listReposDetails', {
            query: {
              namespace: 'catalog',
              limit: 2,
              offset: 2,
              order_column: 'name',
              order_type: 'asc',
            },
          }),
          200,
        );
        expect(second).toMatchObject({ offset: 2, count: 1, total: 3 });
        expect(second.items.map((item) => item.name)).toEqual(['gamma/core']);

        // Newest first by default; `is_public` only travels in `filter` through the SDK.
        const all = expectOk(await side.call('listReposDetails', {}), 200);
        expect(all.items.map((item) => `${item.namespace}/${item.name}`)).toEqual([
          'other/alpha',
          'catalog/gamma/core',
          'catalog/beta',
          'catalog/alpha',
        ]);
        const publics = expectOk(
          await side.call('listReposDetails', { query: { is_public: true, name: 'a' } }),
          200,
        );
        expect(publics.items.map((item) => `${item.namespace}/${item.name}`)).toEqual([
          'other/alpha',
          'catalog/beta',
        ]);
        expect(publics.items[0]).toMatchObject({
          domain_name: 'demo-ops',
          status: false,
          tags: [],
          path: 'swr.cn-north-4.myhuaweicloud.com/other/alpha',
        });

        expectSignatureError(await side.call('listReposDetails', {}, { signature: 'wrong-sk' }));
      },
    },
    {
      name: 'pushed tags are listed with order, filter and pages; a deleted tag is gone (404 after)',
      async run(side) {
        await createRepository(side, 'shop', 'api');
        const repo = { namespace: 'shop', repository: 'api' };
        for (const [index, tag] of ['v1', 'v2', 'latest'].entries()) {
          const pushed = await side.push({ ...repo, tag, created: at((index + 1) * HOUR) });
          expect(pushed).toMatchObject({ tag, created: true, triggers: [], syncs: [] });
        }

        const newest = expectOk(await side.call('listRepositoryTags', { params: repo }), 200);
        expect(newest).toMatchObject({ offset: 0, count: 3, total: 3 });
        expect(newest.items.map((item) => item.Tag)).toEqual(['latest', 'v2', 'v1']);
        expect(newest.items[2]).toMatchObject({
          Tag: 'v1',
          path: 'swr.cn-north-4.myhuaweicloud.com/shop/api:v1',
          schema: 2,
          tag_type: 0,
          created: at(HOUR),
          updated: at(HOUR),
          digest: matching(/^sha256:[0-9a-f]{64}$/),
        });

        const byName = expectOk(
          await side.call('listRepositoryTags', {
            params: repo,
            query: { limit: 2, offset: 0, order_column: 'tag', order_type: 'asc' },
          }),
          200,
        );
        expect(byName).toMatchObject({ offset: 0, count: 2, total: 3 });
        expect(byName.items.map((item) => item.Tag)).toEqual(['latest', 'v1']);
        const rest = expectOk(
          await side.call('listRepositoryTags', {
            params: repo,
            query: { limit: 2, offset: 2, order_column: 'tag', order_type: 'asc' },
          }),
          200,
        );
        expect(rest.items.map((item) => item.Tag)).toEqual(['v2']);
        const versions = expectOk(
          await side.call('listRepositoryTags', { params: repo, query: { tag: 'v' } }),
          200,
        );
        expect(versions).toMatchObject({ offset: 0, count: 2, total: 2 });

        expectOk(await side.call('deleteRepoTag', { params: { ...repo, tag: 'v1' } }), 204);
        expectSwrError(
          await side.call('deleteRepoTag', { params: { ...repo, tag: 'v1' } }),
          'tagNotFound',
        );
        const left = expectOk(await side.call('listRepositoryTags', { params: repo }), 200);
        expect(left.items.map((item) => item.Tag)).toEqual(['latest', 'v2']);
        const shown = expectOk(await side.call('showRepository', { params: repo }), 200);
        expect(shown.num_images).toBe(2);
        const listed = expectOk(
          await side.call('listReposDetails', { query: { namespace: 'shop' } }),
          200,
        );
        expect(listed.items[0]?.tags).toEqual(['latest', 'v2']);
      },
    },
    {
      name: 'names and search text that travel differently on the wire than in the signature',
      async run(side) {
        // `$` for `/` in paths; `__`, `.` and `-` in names; non-ASCII in bodies.
        await createOrganization(side, 'team__a.b-c');
        const repo = { namespace: 'team__a.b-c', repository: 'group__x/web.app-1' };
        expectOk(
          await side.call('createRepo', {
            params: { namespace: repo.namespace },
            body: {
              repository: repo.repository,
              is_public: false,
              description: 'Storefront — 商店 ✓',
            },
          }),
          201,
        );
        const shown = expectOk(await side.call('showRepository', { params: repo }), 200);
        expect(shown).toMatchObject({ name: repo.repository, description: 'Storefront — 商店 ✓' });

        await side.push({ ...repo, tag: 'Release_1.0-rc.1' });
        const tags = expectOk(await side.call('listRepositoryTags', { params: repo }), 200);
        expect(tags.items.map((item) => item.Tag)).toEqual(['Release_1.0-rc.1']);
        expectOk(
          await side.call('deleteRepoTag', { params: { ...repo, tag: 'Release_1.0-rc.1' } }),
          204,
        );

        // The SDK sends * ' ( ) ! ~ raw in the query but signs them encoded.
        const odd = expectOk(
          await side.call('listReposDetails', { query: { name: "it's (new)!*~" } }),
          200,
        );
        expect(odd).toEqual({ items: [], offset: 0, count: 0, total: 0 });
        // `%` and `_` are text, not LIKE wildcards.
        const percent = expectOk(
          await side.call('listReposDetails', { query: { name: '%' } }),
          200,
        );
        expect(percent.items).toEqual([]);
        const underscore = expectOk(
          await side.call('listReposDetails', { query: { name: 'x/web.app' } }),
          200,
        );
        expect(underscore.items.map((item) => item.name)).toEqual([repo.repository]);
        const spaced = expectOk(
          await side.call('listNamespaces', { query: { namespace: 'a b' } }),
          200,
        );
        expect(spaced.namespaces).toEqual([]);
        const unicode = expectOk(
          await side.call('listReposDetails', { query: { namespace: '商店' } }),
          200,
        );
        expect(unicode.items).toEqual([]);
      },
    },
    {
      name: 'a repository deleted and created again starts empty',
      async run(side) {
        await createRepository(side, 'shop', 'api');
        await createOrganization(side, 'dst', EAST);
        const repo = { namespace: 'shop', repository: 'api' };
        await side.push({ ...repo, tag: 'v1' });
        expectOk(
          await side.call('createTrigger', {
            params: repo,
            body: {
              action: 'update',
              app_type: 'deployments',
              application: 'api',
              cluster_ns: 'default',
              condition: '.*',
              enable: 'true',
              name: 'to-prod',
              trigger_type: 'all',
              cluster_id: clusterId(MAIN, 'prod'),
            },
          }),
          201,
        );
        expectOk(
          await side.call('createImageSyncRepo', {
            params: repo,
            body: { remoteRegionId: EAST, remoteNamespace: 'dst' },
          }),
          200,
        );
        expectOk(
          await side.call('createRepoDomains', {
            params: repo,
            body: { access_domain: 'partner-corp', permit: 'read', deadline: 'forever' },
          }),
          201,
        );
        expectOk(
          await side.call('createUserRepositoryAuth', {
            params: repo,
            body: [{ user_id: '529e1048b8f81669f2a5cb8d872cc0f4', user_name: 'dev1', auth: 1 }],
          }),
          201,
        );
        expectOk(
          await side.call('createRetention', {
            params: repo,
            body: {
              algorithm: 'or',
              rules: [{ template: 'tag_rule', params: { num: '10' }, tag_selectors: [] }],
            },
          }),
          201,
        );

        expectOk(await side.call('deleteRepo', { params: repo }), 204);
        expectOk(
          await side.call('createRepo', {
            params: { namespace: 'shop' },
            body: { repository: 'api', is_public: false },
          }),
          201,
        );
        const tags = expectOk(await side.call('listRepositoryTags', { params: repo }), 200);
        expect(tags.total).toBe(0);
        expect(expectOk(await side.call('listTriggersDetails', { params: repo }), 200)).toEqual([]);
        expect(
          expectOk(await side.call('listImageAutoSyncReposDetails', { params: repo }), 200),
        ).toEqual([]);
        expect(expectOk(await side.call('listRepoDomains', { params: repo }), 200)).toEqual([]);
        expect(
          expectOk(await side.call('showUserRepositoryAuth', { params: repo }), 200).others_auths,
        ).toEqual([]);
        expect(expectOk(await side.call('listRetentions', { params: repo }), 200)).toEqual([]);
        const jobs = expectOk(
          await side.call('showSyncJob', { params: repo, query: { limit: 10, offset: 0 } }),
          200,
        );
        expect(jobs.total).toBe(0);
      },
    },
    {
      name: 'tags of a missing repository: 404',
      async run(side) {
        await createOrganization(side, 'shop');
        const missing = { namespace: 'shop', repository: 'ghost' };
        expectSwrError(
          await side.call('listRepositoryTags', { params: missing }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('deleteRepoTag', { params: { ...missing, tag: 'v1' } }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('listRepositoryTags', {
            params: { namespace: 'no-such-org', repository: 'ghost' },
          }),
          'namespaceNotFound',
        );
      },
    },
  ],
};
