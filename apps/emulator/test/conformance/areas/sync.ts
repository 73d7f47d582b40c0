/** Cross-region image sync (operations 29–33). */
import { expect } from 'vitest';
import {
  anyHexId,
  anyNumber,
  at,
  createOrganization,
  createRepository,
  EAST,
  expectOk,
  expectSwrError,
  HOUR,
  MAIN,
  objectContaining,
  OPS_ADMIN,
  SOUTHEAST,
  type Area,
} from '../harness';

const SOURCE = { namespace: 'src', repository: 'web/app' };
const TARGET = { remoteRegionId: EAST, remoteNamespace: 'dst' };

export const sync: Area = {
  name: 'image sync',
  scenarios: [
    {
      name: 'an automatic sync policy copies each push to the target region',
      async run(side) {
        await createRepository(side, SOURCE.namespace, SOURCE.repository);
        await createOrganization(side, 'dst', EAST);
        // Pushed before the policy exists: never synced automatically.
        await side.push({ ...SOURCE, tag: 'v0', created: at(-HOUR) });
        expect(
          expectOk(await side.call('listImageAutoSyncReposDetails', { params: SOURCE }), 200),
        ).toEqual([]);

        expectOk(
          await side.call('createImageSyncRepo', {
            params: SOURCE,
            body: { ...TARGET, syncAuto: true, override: false },
          }),
          200,
        );
        const policies = expectOk(
          await side.call('listImageAutoSyncReposDetails', { params: SOURCE }),
          200,
        );
        expect(policies).toEqual([
          {
            id: anyNumber,
            createdAt: at(0),
            updatedAt: at(0),
            domainID: anyHexId,
            domainName: 'demo-ops',
            namespace: 'src',
            repoName: 'web/app',
            remoteRegionId: EAST,
            remoteNamespace: 'dst',
            override: false,
            syncAuto: true,
          },
        ]);

        // A second policy whose target organization is deleted before the push: that job fails.
        await createOrganization(side, 'gone', EAST);
        const GONE = { remoteRegionId: EAST, remoteNamespace: 'gone' };
        expectOk(await side.call('createImageSyncRepo', { params: SOURCE, body: GONE }), 200);
        expectOk(
          await side.call('deleteNamespaces', { params: { namespace: 'gone' } }, { region: EAST }),
          204,
        );

        side.setTime(at(HOUR));
        const pushed = await side.push({ ...SOURCE, tag: 'v1' });
        expect(pushed.syncs).toEqual([
          { ...TARGET, status: 'success' },
          { ...GONE, status: 'failed' },
        ]);

        // The copy is visible in the target region, through the same client.
        const copied = expectOk(
          await side.call(
            'listRepositoryTags',
            { params: { namespace: 'dst', repository: 'web/app' } },
            { region: EAST },
          ),
          200,
        );
        expect(copied.items.map((item) => [item.Tag, item.digest])).toEqual([
          ['v1', pushed.digest],
        ]);
        expect(copied.items[0]?.path).toBe('swr.cn-east-3.myhuaweicloud.com/dst/web/app:v1');

        const jobs = expectOk(
          await side.call('showSyncJob', { params: SOURCE, query: { limit: 10, offset: 0 } }),
          200,
        );
        expect(jobs).toMatchObject({ offset: 0, count: 2, total: 2 });
        // Newest first; equal times by id.
        expect(jobs.items).toEqual([
          objectContaining({ ...GONE, tag: 'v1', status: 'failed' }),
          {
            id: anyNumber,
            createdAt: at(HOUR),
            updatedAt: at(HOUR),
            domainID: anyHexId,
            domainName: 'demo-ops',
            namespace: 'src',
            repoName: 'web/app',
            ...TARGET,
            override: false,
            status: 'success',
            syncOperatorId: OPS_ADMIN.id,
            syncOperatorName: OPS_ADMIN.name,
            tag: 'v1',
          },
        ]);

        expectOk(await side.call('deleteImageSyncRepo', { params: SOURCE, body: GONE }), 200);
        expectOk(await side.call('deleteImageSyncRepo', { params: SOURCE, body: TARGET }), 200);
        expect(
          expectOk(await side.call('listImageAutoSyncReposDetails', { params: SOURCE }), 200),
        ).toEqual([]);
        const later = await side.push({ ...SOURCE, tag: 'v2' });
        expect(later.syncs).toEqual([]);
        const still = expectOk(
          await side.call(
            'listRepositoryTags',
            { params: { namespace: 'dst', repository: 'web/app' } },
            { region: EAST },
          ),
          200,
        );
        expect(still.items.map((item) => item.Tag)).toEqual(['v1']);
      },
    },
    {
      name: 'policies need another region and an organization there; one per target (400, 404)',
      async run(side) {
        await createRepository(side, SOURCE.namespace, SOURCE.repository);
        await createOrganization(side, 'dst', EAST);
        expectSwrError(
          await side.call('createImageSyncRepo', {
            params: SOURCE,
            body: { remoteRegionId: EAST, remoteNamespace: 'nowhere' },
          }),
          'namespaceNotFound',
        );
        expectSwrError(
          await side.call('createImageSyncRepo', {
            params: SOURCE,
            body: { remoteRegionId: MAIN, remoteNamespace: 'src' },
          }),
          'invalidParam',
        );
        expectSwrError(
          await side.call('createImageSyncRepo', {
            params: SOURCE,
            body: { remoteRegionId: 'eu-west-101', remoteNamespace: 'dst' },
          }),
          'invalidParam',
        );
        expectOk(await side.call('createImageSyncRepo', { params: SOURCE, body: TARGET }), 200);
        expectSwrError(
          await side.call('createImageSyncRepo', { params: SOURCE, body: TARGET }),
          'invalidParam',
        );
        // Deleting a policy that does not exist: SWR's `{errors: [...]}` body, read by both.
        expectSwrError(
          await side.call('deleteImageSyncRepo', {
            params: SOURCE,
            body: { remoteRegionId: SOUTHEAST, remoteNamespace: 'dst' },
          }),
          'syncRepoNotFound',
        );
        expect(
          expectOk(await side.call('listImageAutoSyncReposDetails', { params: SOURCE }), 200),
        ).toHaveLength(1);
      },
    },
    {
      name: 'a manual sync copies chosen tags and answers with those that failed',
      async run(side) {
        await createRepository(side, SOURCE.namespace, SOURCE.repository);
        await createOrganization(side, 'dst', EAST);
        await side.push({ ...SOURCE, tag: 'v1', created: at(-2 * HOUR) });
        await side.push({ ...SOURCE, tag: 'v2', created: at(-HOUR) });

        const failed = expectOk(
          await side.call('createManualImageSyncRepo', {
            params: SOURCE,
            body: { ...TARGET, imageTag: ['v1', 'v2', 'missing'] },
          }),
          200,
        );
        expect(failed).toEqual(['missing']);
        const copied = expectOk(
          await side.call(
            'listRepositoryTags',
            { params: { namespace: 'dst', repository: 'web/app' }, query: { tag: 'v' } },
            { region: EAST },
          ),
          200,
        );
        expect(copied.items.map((item) => item.Tag).sort()).toEqual(['v1', 'v2']);
        const shown = expectOk(
          await side.call(
            'showRepository',
            { params: { namespace: 'dst', repository: 'web/app' } },
            { region: EAST },
          ),
          200,
        );
        expect(shown).toMatchObject({ name: 'web/app', category: 'app_server', num_images: 2 });

        // Again without override: the tags exist there, which is not a failure.
        side.setTime(at(HOUR));
        expect(
          expectOk(
            await side.call('createManualImageSyncRepo', {
              params: SOURCE,
              body: { ...TARGET, imageTag: ['v1'] },
            }),
            200,
          ),
        ).toEqual([]);

        const jobs = expectOk(
          await side.call('showSyncJob', {
            params: SOURCE,
            query: { limit: 2, offset: 0, order: 'asc' },
          }),
          200,
        );
        // A tag missing at the source fails without a job.
        expect(jobs).toMatchObject({ offset: 0, count: 2, total: 3 });
        expect(jobs.items.map((job) => [job.tag, job.status])).toEqual([
          ['v1', 'success'],
          ['v2', 'success'],
        ]);
        const newest = expectOk(
          await side.call('showSyncJob', {
            params: SOURCE,
            query: { limit: 2, offset: 0, order: 'desc' },
          }),
          200,
        );
        expect(newest.items.map((job) => [job.tag, job.status])).toEqual([
          ['v1', 'existed'],
          ['v2', 'success'],
        ]);

        expectSwrError(
          await side.call('createManualImageSyncRepo', {
            params: SOURCE,
            body: { remoteRegionId: SOUTHEAST, remoteNamespace: 'dst', imageTag: ['v1'] },
          }),
          'namespaceNotFound',
        );
      },
    },
    {
      name: 'sync of a missing repository: 404',
      async run(side) {
        await createOrganization(side, SOURCE.namespace);
        await createOrganization(side, 'dst', EAST);
        expectSwrError(
          await side.call('showSyncJob', { params: SOURCE, query: { limit: 10, offset: 0 } }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('listImageAutoSyncReposDetails', { params: SOURCE }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('createImageSyncRepo', { params: SOURCE, body: TARGET }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('deleteImageSyncRepo', { params: SOURCE, body: TARGET }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('createManualImageSyncRepo', {
            params: SOURCE,
            body: { ...TARGET, imageTag: ['v1'] },
          }),
          'repositoryNotFound',
        );
      },
    },
  ],
};
