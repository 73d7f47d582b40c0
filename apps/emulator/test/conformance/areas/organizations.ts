/** Organizations (operations 1–4). */
import { expect } from 'vitest';
import {
  anyNumber,
  createOrganization,
  createRepository,
  EAST,
  expectOk,
  expectSignatureError,
  expectSwrError,
  MAIN,
  OPS_ADMIN,
  type Area,
} from '../harness';

export const organizations: Area = {
  name: 'organizations',
  scenarios: [
    {
      name: 'create, show, list and delete an organization; 409 when it exists, 404 when gone',
      async run(side) {
        expectOk(await side.call('createNamespace', { body: { namespace: 'team-a' } }), 201);
        expectSwrError(
          await side.call('createNamespace', { body: { namespace: 'team-a' } }),
          'namespaceExists',
        );
        await createOrganization(side, 'team-b');

        const shown = expectOk(
          await side.call('showNamespace', { params: { namespace: 'team-a' } }),
          200,
        );
        expect(shown).toEqual({
          id: anyNumber,
          name: 'team-a',
          creator_name: OPS_ADMIN.name,
          auth: 7,
        });

        const all = expectOk(await side.call('listNamespaces', {}), 200);
        expect(all.namespaces.map((ns) => ns.name)).toEqual(['team-a', 'team-b']);
        const filtered = expectOk(
          await side.call('listNamespaces', { query: { namespace: 'm-b', mode: 'visible' } }),
          200,
        );
        expect(filtered.namespaces.map((ns) => ns.name)).toEqual(['team-b']);
        const none = expectOk(
          await side.call('listNamespaces', { query: { namespace: 'nothing' } }),
          200,
        );
        expect(none.namespaces).toEqual([]);

        expectOk(await side.call('deleteNamespaces', { params: { namespace: 'team-a' } }), 204);
        expectSwrError(
          await side.call('showNamespace', { params: { namespace: 'team-a' } }),
          'namespaceNotFound',
        );
        expectSwrError(
          await side.call('deleteNamespaces', { params: { namespace: 'team-a' } }),
          'namespaceNotFound',
        );
        const left = expectOk(await side.call('listNamespaces', {}), 200);
        expect(left.namespaces.map((ns) => ns.name)).toEqual(['team-b']);
      },
    },
    {
      name: 'an organization holding repositories cannot be deleted (406) until they are gone',
      async run(side) {
        await createRepository(side, 'busy', 'web/app');
        expectSwrError(
          await side.call('deleteNamespaces', { params: { namespace: 'busy' } }),
          'namespaceNotEmpty',
        );
        expectOk(await side.call('showNamespace', { params: { namespace: 'busy' } }), 200);
        expectOk(
          await side.call('deleteRepo', { params: { namespace: 'busy', repository: 'web/app' } }),
          204,
        );
        expectOk(await side.call('deleteNamespaces', { params: { namespace: 'busy' } }), 204);
      },
    },
    {
      name: 'a reserved name is refused (400) though it follows the naming rule',
      async run(side) {
        expectSwrError(
          await side.call('createNamespace', { body: { namespace: 'library' } }),
          'invalidNamespace',
        );
        const all = expectOk(await side.call('listNamespaces', {}), 200);
        expect(all.namespaces).toEqual([]);
      },
    },
    {
      name: 'organizations belong to one region',
      async run(side) {
        await createOrganization(side, 'north-only', MAIN);
        expectSwrError(
          await side.call(
            'showNamespace',
            { params: { namespace: 'north-only' } },
            { region: EAST },
          ),
          'namespaceNotFound',
        );
        const east = expectOk(await side.call('listNamespaces', {}, { region: EAST }), 200);
        expect(east.namespaces).toEqual([]);
        // The same name is free in another region.
        await createOrganization(side, 'north-only', EAST);
      },
    },
    {
      name: 'another account neither sees nor deletes an organization, nor takes its name',
      async run(side) {
        await createRepository(side, 'team-a', 'app');
        const partner = { account: 'partner-corp' } as const;
        expectSwrError(
          await side.call('showNamespace', { params: { namespace: 'team-a' } }, partner),
          'namespaceNotFound',
        );
        expectSwrError(
          await side.call('deleteNamespaces', { params: { namespace: 'team-a' } }, partner),
          'namespaceNotFound',
        );
        // Organization names are unique in a region, across accounts.
        expectSwrError(
          await side.call('createNamespace', { body: { namespace: 'team-a' } }, partner),
          'namespaceExists',
        );
        expect(expectOk(await side.call('listNamespaces', {}, partner), 200)).toEqual({
          namespaces: [],
        });
        expect(expectOk(await side.call('listReposDetails', {}, partner), 200)).toEqual({
          items: [],
          offset: 0,
          count: 0,
          total: 0,
        });
        expectSwrError(
          await side.call(
            'showRepository',
            { params: { namespace: 'team-a', repository: 'app' } },
            partner,
          ),
          'namespaceNotFound',
        );
      },
    },
    {
      name: 'a request signed with the wrong secret key is refused by the gateway (401)',
      async run(side) {
        await createOrganization(side, 'signed');
        expectSignatureError(await side.call('listNamespaces', {}, { signature: 'wrong-sk' }));
        expectSignatureError(
          await side.call(
            'createNamespace',
            { body: { namespace: 'unsigned' } },
            { signature: 'wrong-sk' },
          ),
        );
        const all = expectOk(await side.call('listNamespaces', {}), 200);
        expect(all.namespaces.map((ns) => ns.name)).toEqual(['signed']);
      },
    },
  ],
};
