/** IAM users' permissions on organizations (operations 21–24) and repositories (25–28). */
import { expect } from 'vitest';
import {
  anyNumber,
  createOrganization,
  createRepository,
  expectOk,
  expectSwrError,
  OPS_ADMIN,
  type Area,
} from '../harness';

const DEV1 = { user_id: '529e1048b8f81669f2a5cb8d872cc0f4', user_name: 'dev1', auth: 1 } as const;
const DEV2 = { user_id: '19adde7b11fc17d590cf3c1d50c94b8d', user_name: 'dev2', auth: 3 } as const;
const DEV3 = { user_id: '1486578611d763ae3aecd82c2716eeb5', user_name: 'dev3', auth: 7 } as const;
const SELF = { user_id: OPS_ADMIN.id, user_name: OPS_ADMIN.name, auth: 7 } as const;

export const namespacePermissions: Area = {
  name: 'organization permissions',
  scenarios: [
    {
      name: 'grant, show, change and remove; 409 when granted, 404 when absent',
      async run(side) {
        await createOrganization(side, 'perm');
        const ns = { namespace: 'perm' };
        expectOk(await side.call('createNamespaceAuth', { params: ns, body: [DEV2, DEV1] }), 201);
        expect(expectOk(await side.call('showNamespaceAuth', { params: ns }), 200)).toEqual({
          id: anyNumber,
          name: 'perm',
          creator_name: OPS_ADMIN.name,
          self_auth: SELF,
          others_auths: [DEV1, DEV2],
        });
        expectSwrError(
          await side.call('createNamespaceAuth', { params: ns, body: [DEV1] }),
          'namespaceAuthExists',
        );

        expectOk(
          await side.call('updateNamespaceAuth', { params: ns, body: [{ ...DEV1, auth: 7 }] }),
          201,
        );
        expectSwrError(
          await side.call('updateNamespaceAuth', { params: ns, body: [DEV3] }),
          'namespaceAuthNotFound',
        );
        expectOk(await side.call('deleteNamespaceAuth', { params: ns, body: [DEV2.user_id] }), 204);
        expectSwrError(
          await side.call('deleteNamespaceAuth', { params: ns, body: [DEV2.user_id] }),
          'namespaceAuthNotFound',
        );
        const after = expectOk(await side.call('showNamespaceAuth', { params: ns }), 200);
        expect(after.others_auths).toEqual([{ ...DEV1, auth: 7 }]);
      },
    },
    {
      name: 'a call applies to every user it names or to none; no one grants themselves (400)',
      async run(side) {
        await createOrganization(side, 'perm');
        const ns = { namespace: 'perm' };
        expectOk(await side.call('createNamespaceAuth', { params: ns, body: [DEV1] }), 201);
        expectSwrError(
          await side.call('createNamespaceAuth', { params: ns, body: [DEV3, DEV1] }),
          'namespaceAuthExists',
        );
        expectSwrError(
          await side.call('deleteNamespaceAuth', {
            params: ns,
            body: [DEV1.user_id, DEV3.user_id],
          }),
          'namespaceAuthNotFound',
        );
        expectSwrError(
          await side.call('createNamespaceAuth', { params: ns, body: [SELF] }),
          'invalidUserName',
        );
        const after = expectOk(await side.call('showNamespaceAuth', { params: ns }), 200);
        expect(after.others_auths).toEqual([DEV1]);
      },
    },
    {
      name: 'permissions of a missing organization: 404',
      async run(side) {
        const ns = { namespace: 'no-such-org' };
        expectSwrError(
          await side.call('createNamespaceAuth', { params: ns, body: [DEV1] }),
          'namespaceNotFound',
        );
        expectSwrError(
          await side.call('updateNamespaceAuth', { params: ns, body: [DEV1] }),
          'namespaceNotFound',
        );
        expectSwrError(
          await side.call('deleteNamespaceAuth', { params: ns, body: [DEV1.user_id] }),
          'namespaceNotFound',
        );
        expectSwrError(await side.call('showNamespaceAuth', { params: ns }), 'namespaceNotFound');
      },
    },
  ],
};

export const repositoryPermissions: Area = {
  name: 'repository permissions',
  scenarios: [
    {
      name: 'grant, show, change and remove; 409 when granted, 404 when absent',
      async run(side) {
        await createRepository(side, 'perm', 'web/app');
        const repo = { namespace: 'perm', repository: 'web/app' };
        expectOk(
          await side.call('createUserRepositoryAuth', { params: repo, body: [DEV1, DEV2] }),
          201,
        );
        expect(expectOk(await side.call('showUserRepositoryAuth', { params: repo }), 200)).toEqual({
          id: anyNumber,
          name: 'web/app',
          self_auth: SELF,
          others_auths: [DEV1, DEV2],
        });
        expectSwrError(
          await side.call('createUserRepositoryAuth', { params: repo, body: [DEV2] }),
          'repositoryAuthExists',
        );
        expectOk(
          await side.call('updateUserRepositoryAuth', {
            params: repo,
            body: [{ ...DEV2, auth: 1 }],
          }),
          201,
        );
        expectSwrError(
          await side.call('updateUserRepositoryAuth', { params: repo, body: [DEV3] }),
          'repositoryAuthNotFound',
        );
        expectOk(
          await side.call('deleteUserRepositoryAuth', { params: repo, body: [DEV1.user_id] }),
          204,
        );
        expectSwrError(
          await side.call('deleteUserRepositoryAuth', { params: repo, body: [DEV1.user_id] }),
          'repositoryAuthNotFound',
        );
        const after = expectOk(await side.call('showUserRepositoryAuth', { params: repo }), 200);
        expect(after.others_auths).toEqual([{ ...DEV2, auth: 1 }]);
        // Organization and repository permissions are separate.
        const org = expectOk(
          await side.call('showNamespaceAuth', { params: { namespace: 'perm' } }),
          200,
        );
        expect(org.others_auths).toEqual([]);
      },
    },
    {
      name: 'permissions of a missing repository: 404',
      async run(side) {
        await createRepository(side, 'perm', 'present');
        const repo = { namespace: 'perm', repository: 'ghost' };
        expectSwrError(
          await side.call('createUserRepositoryAuth', { params: repo, body: [DEV1] }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('updateUserRepositoryAuth', { params: repo, body: [DEV1] }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('deleteUserRepositoryAuth', { params: repo, body: [DEV1.user_id] }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('showUserRepositoryAuth', { params: repo }),
          'repositoryNotFound',
        );
      },
    },
  ],
};
