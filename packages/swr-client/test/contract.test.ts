import { describe, expect, it } from 'vitest';
import type { z } from 'zod/mini';
import type { Capability, OperationDefinition } from '../src/contract/define';
import { operationNames, operations, type OperationName } from '../src/contract/operations';
import { validInputs } from './support/valid-inputs';

const P = '/v2/manage/namespaces/{namespace}';
const R = `${P}/repos/{repository}`;
const S = `${P}/repositories/{repository}/access-domains`;

/**
 * docs/swr-api.md ("Operations"), transcribed: number, name, method, path, success status.
 * Capabilities follow docs/authorization.md ("Roles"): reads for viewers; operator writes
 * repositories, tags, sync, triggers, retention (`write`) and the login command (`credential`);
 * admin owns organizations, permissions and sharing (`admin`), and deleting a whole repository
 * (docs/security.md B5).
 */
const expected: readonly [number, OperationName, string, string, number, Capability][] = [
  [1, 'createNamespace', 'POST', '/v2/manage/namespaces', 201, 'admin'],
  [2, 'deleteNamespaces', 'DELETE', P, 204, 'admin'],
  [3, 'listNamespaces', 'GET', '/v2/manage/namespaces', 200, 'read'],
  [4, 'showNamespace', 'GET', P, 200, 'read'],
  [5, 'createRepo', 'POST', `${P}/repos`, 201, 'write'],
  [6, 'deleteRepo', 'DELETE', R, 204, 'admin'],
  [7, 'updateRepo', 'PATCH', R, 201, 'write'],
  [8, 'showRepository', 'GET', R, 200, 'read'],
  [9, 'listReposDetails', 'GET', '/v2/manage/repos', 200, 'read'],
  [10, 'listRepositoryTags', 'GET', `${R}/tags`, 200, 'read'],
  [11, 'deleteRepoTag', 'DELETE', `${R}/tags/{tag}`, 204, 'write'],
  [12, 'createSecret', 'POST', '/v2/manage/utils/secret', 200, 'credential'],
  [13, 'createRepoDomains', 'POST', S, 201, 'admin'],
  [14, 'deleteRepoDomains', 'DELETE', `${S}/{access_domain}`, 204, 'admin'],
  [15, 'updateRepoDomains', 'PATCH', `${S}/{access_domain}`, 201, 'admin'],
  [16, 'showAccessDomain', 'GET', `${S}/{access_domain}`, 200, 'read'],
  [17, 'listRepoDomains', 'GET', S, 200, 'read'],
  [18, 'listSharedReposDetails', 'GET', '/v2/manage/shared-repositories', 200, 'read'],
  [19, 'listApiVersions', 'GET', '/', 200, 'read'],
  [20, 'showApiVersion', 'GET', '/{api_version}', 200, 'read'],
  [21, 'createNamespaceAuth', 'POST', `${P}/access`, 201, 'admin'],
  [22, 'deleteNamespaceAuth', 'DELETE', `${P}/access`, 204, 'admin'],
  [23, 'updateNamespaceAuth', 'PATCH', `${P}/access`, 201, 'admin'],
  [24, 'showNamespaceAuth', 'GET', `${P}/access`, 200, 'read'],
  [25, 'createUserRepositoryAuth', 'POST', `${R}/access`, 201, 'admin'],
  [26, 'deleteUserRepositoryAuth', 'DELETE', `${R}/access`, 204, 'admin'],
  [27, 'updateUserRepositoryAuth', 'PATCH', `${R}/access`, 201, 'admin'],
  [28, 'showUserRepositoryAuth', 'GET', `${R}/access`, 200, 'read'],
  [29, 'showSyncJob', 'GET', `${R}/sync_job`, 200, 'read'],
  [30, 'listImageAutoSyncReposDetails', 'GET', `${R}/sync_repo`, 200, 'read'],
  [31, 'createImageSyncRepo', 'POST', `${R}/sync_repo`, 200, 'write'],
  [32, 'deleteImageSyncRepo', 'DELETE', `${R}/sync_repo`, 200, 'write'],
  [33, 'createManualImageSyncRepo', 'POST', `${R}/sync_images`, 200, 'write'],
  [34, 'createTrigger', 'POST', `${R}/triggers`, 201, 'write'],
  [35, 'listTriggersDetails', 'GET', `${R}/triggers`, 200, 'read'],
  [36, 'deleteTrigger', 'DELETE', `${R}/triggers/{trigger}`, 204, 'write'],
  [37, 'showTrigger', 'GET', `${R}/triggers/{trigger}`, 200, 'read'],
  [38, 'updateTrigger', 'PATCH', `${R}/triggers/{trigger}`, 201, 'write'],
  [39, 'createRetention', 'POST', `${R}/retentions`, 201, 'write'],
  [40, 'listRetentions', 'GET', `${R}/retentions`, 200, 'read'],
  [41, 'deleteRetention', 'DELETE', `${R}/retentions/{retention_id}`, 200, 'write'],
  [42, 'showRetention', 'GET', `${R}/retentions/{retention_id}`, 200, 'read'],
  [43, 'updateRetention', 'PATCH', `${R}/retentions/{retention_id}`, 201, 'write'],
  [44, 'listRetentionHistories', 'GET', `${R}/retentions/histories`, 200, 'read'],
];

/** docs/swr-api.md ("Paging, sorting and filter"): the lists documented with `Content-Range`. */
const PAGED: readonly OperationName[] = [
  'listReposDetails',
  'listRepositoryTags',
  'listSharedReposDetails',
  'showSyncJob',
  'listRetentionHistories',
];

/** Operations that answer 2xx with a JSON body the caller needs (docs/swr-api.md, "Operations"). */
const WITH_RESPONSE: readonly OperationName[] = [
  'listNamespaces',
  'showNamespace',
  'showRepository',
  'listReposDetails',
  'listRepositoryTags',
  'createSecret',
  'showAccessDomain',
  'listRepoDomains',
  'listSharedReposDetails',
  'listApiVersions',
  'showApiVersion',
  'showNamespaceAuth',
  'showUserRepositoryAuth',
  'showSyncJob',
  'listImageAutoSyncReposDetails',
  'createManualImageSyncRepo',
  'listTriggersDetails',
  'showTrigger',
  'createRetention',
  'listRetentions',
  'showRetention',
  'listRetentionHistories',
];

/** Operations whose request carries a JSON body (docs/swr-api.md, "Operations"). */
const WITH_BODY: readonly OperationName[] = [
  'createNamespace',
  'createRepo',
  'updateRepo',
  'createRepoDomains',
  'updateRepoDomains',
  'createNamespaceAuth',
  'deleteNamespaceAuth',
  'updateNamespaceAuth',
  'createUserRepositoryAuth',
  'deleteUserRepositoryAuth',
  'updateUserRepositoryAuth',
  'createImageSyncRepo',
  'deleteImageSyncRepo',
  'createManualImageSyncRepo',
  'createTrigger',
  'updateTrigger',
  'createRetention',
  'updateRetention',
];

const all = operationNames.map((name) => [name, operations[name]] as const);

function placeholders(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

function shapeKeys(schema: z.ZodMiniObject): string[] {
  return Object.keys(schema.shape).sort();
}

/** Every copy of `value` with one unknown key added to one of its (nested) plain objects. */
function withUnknownKey(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    return items.flatMap((item, i) =>
      withUnknownKey(item).map((variant) => items.map((old, j) => (i === j ? variant : old))),
    );
  }
  if (typeof value !== 'object' || value === null) return [];
  const entries = Object.entries(value);
  return [
    { ...value, unexpected_key: 'x' },
    ...entries.flatMap(([key, inner]) =>
      withUnknownKey(inner).map((variant) => ({ ...value, [key]: variant })),
    ),
  ];
}

describe('the operations table', () => {
  it('has exactly the 44 operations, numbered 1..44 once each, names equal to their keys', () => {
    expect(operationNames).toHaveLength(44);
    const numbers = all.map(([, op]) => op.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 44 }, (_, i) => i + 1));
    for (const [key, op] of all) expect(op.name).toBe(key);
    expect(new Set(all.map(([, op]) => op.name)).size).toBe(44);
  });

  it.each(expected)(
    '#%i %s is %s %s answering %i, capability %s (docs/swr-api.md, docs/authorization.md)',
    (number, name, method, path, status, capability) => {
      const op = operations[name];
      expect({
        number: op.number,
        method: op.method,
        path: op.path,
        status: op.status,
        capability: op.capability,
      }).toEqual({ number, method, path, status, capability });
    },
  );

  it.each(all)('%s: the path placeholders are exactly the params keys', (_, op) => {
    expect(placeholders(op.path)).toEqual(shapeKeys(op.params));
  });

  it('has no two operations on the same method and path', () => {
    const routes = all.map(([, op]) => `${op.method} ${op.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it.each(all.filter(([, op]) => op.method === 'GET'))(
    'GET %s takes no body and needs only read',
    (_, op) => {
      expect('body' in op).toBe(false);
      expect(op.capability).toBe('read');
    },
  );

  it.each(all.filter(([, op]) => op.method !== 'GET'))(
    '%s changes something and needs more than read',
    (_, op) => {
      expect(op.capability).not.toBe('read');
    },
  );

  it('marks exactly the documented lists as paged, each with a response schema', () => {
    const paged = all.filter(([, op]) => 'page' in op).map(([name]) => name);
    expect(paged.sort()).toEqual([...PAGED].sort());
    for (const name of PAGED) {
      const definition: OperationDefinition = operations[name];
      expect(definition.response).toBeDefined();
    }
  });

  it('has a response schema exactly where SWR answers with a body', () => {
    const withResponse = all.filter(([, op]) => 'response' in op).map(([name]) => name);
    expect(withResponse.sort()).toEqual([...WITH_RESPONSE].sort());
  });

  it.each(all)('%s: filter keys are query keys, and only filter-style lists pack', (_, op) => {
    const keys = shapeKeys(op.query);
    for (const key of op.filterKeys) expect(keys).toContain(key);
    if (op.queryStyle === 'filter') expect(op.filterKeys.length).toBeGreaterThan(0);
  });

  it('sends tags plain (as TF does) and packs the lists the SDK packs', () => {
    const filterStyle = all.filter(([, op]) => op.queryStyle === 'filter').map(([name]) => name);
    expect(filterStyle.sort()).toEqual(
      [
        'listNamespaces',
        'listReposDetails',
        'listSharedReposDetails',
        'showSyncJob',
        'listRetentionHistories',
      ].sort(),
    );
  });

  it('only createSecret reads result headers', () => {
    const withHeaders = all.filter(([, op]) => 'responseHeaders' in op).map(([name]) => name);
    expect(withHeaders).toEqual(['createSecret']);
    expect(operations.createSecret.responseHeaders).toEqual([
      'x-swr-dockerlogin',
      'x-swr-expireat',
    ]);
  });
});

describe('request schemas', () => {
  it.each(all)('%s accepts its sample input', (name, op) => {
    const input: { params?: unknown; query?: unknown; body?: unknown } = validInputs[name];
    expect(op.params.safeParse(input.params ?? {}).success).toBe(true);
    expect(op.query.safeParse(input.query ?? {}).success).toBe(true);
    if ('body' in op) expect(op.body.safeParse(input.body).success).toBe(true);
    else expect(input.body).toBeUndefined();
  });

  it.each(all)('%s refuses an unknown params or query key', (name, op) => {
    const input: { params?: object; query?: object } = validInputs[name];
    expect(op.params.safeParse({ ...input.params, unexpected_key: 'x' }).success).toBe(false);
    expect(op.query.safeParse({ ...input.query, unexpected_key: 'x' }).success).toBe(false);
  });

  const withBody = all.filter(([, op]) => 'body' in op);
  it('gives a body schema exactly to the operations docs/swr-api.md sends a body with', () => {
    expect(withBody.map(([name]) => name).sort()).toEqual([...WITH_BODY].sort());
  });

  const objectBodies = withBody.filter(
    ([name]) => withUnknownKey(validInputs[name].body).length > 0,
  );
  it('finds objects in every body except the user-id lists of permission deletes', () => {
    const plain = withBody.filter(([name]) => !objectBodies.some(([other]) => other === name));
    expect(plain.map(([name]) => name).sort()).toEqual([
      'deleteNamespaceAuth',
      'deleteUserRepositoryAuth',
    ]);
  });

  it.each(objectBodies)('%s refuses an unknown key in any object of its body', (name, op) => {
    const definition: OperationDefinition = op;
    const schema = definition.body;
    if (schema === undefined) throw new Error(`${name} has no body schema`);
    for (const variant of withUnknownKey(validInputs[name].body)) {
      expect(schema.safeParse(variant).success, JSON.stringify(variant)).toBe(false);
    }
  });

  it.each(['deleteNamespaceAuth', 'deleteUserRepositoryAuth'] as const)(
    '%s takes only user id strings',
    (name) => {
      const schema: z.ZodMiniType = operations[name].body;
      expect(schema.safeParse(['a208affd377cbf8243f68776df99e359']).success).toBe(true);
      expect(schema.safeParse([{ user_id: 'a208affd377cbf8243f68776df99e359' }]).success).toBe(
        false,
      );
      expect(schema.safeParse([]).success).toBe(false);
    },
  );
});
