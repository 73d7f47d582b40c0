/** Organizations (namespaces) and their IAM permissions: operations 1–4 and 21–24. */
import { z } from '../../zod';
import { iamUserId, namespaceName } from '../../names';
import { defineOperation, filterText, IN_PATH_NAMESPACE } from '../define';
import { NamespaceAuth, ShowNamespace, UserAuthInput } from '../models';

const NS = '/v2/manage/namespaces/{namespace}';
const namespaceParams = z.strictObject({ namespace: namespaceName });
const userAuths = z.array(UserAuthInput).check(z.minLength(1), z.maxLength(100));

export const createNamespace = defineOperation({
  name: 'createNamespace',
  number: 1,
  summary: 'Create an organization',
  method: 'POST',
  path: '/v2/manage/namespaces',
  body: z.strictObject({ namespace: namespaceName }),
  status: 201,
  capability: 'admin',
  resource: 'namespace',
  targets: { namespaces: [{ field: 'body.namespace' }] },
});

export const deleteNamespaces = defineOperation({
  name: 'deleteNamespaces',
  number: 2,
  summary: 'Delete an empty organization',
  method: 'DELETE',
  path: NS,
  params: namespaceParams,
  status: 204,
  capability: 'admin',
  resource: 'namespace',
  targets: IN_PATH_NAMESPACE,
});

export const listNamespaces = defineOperation({
  name: 'listNamespaces',
  number: 3,
  summary: 'List organizations',
  method: 'GET',
  path: '/v2/manage/namespaces',
  query: z.strictObject({
    namespace: z.optional(filterText(64)),
    /** `visible` also lists organizations reachable only through repository permissions. */
    mode: z.optional(z.enum(['visible'])),
  }),
  filterKeys: ['namespace', 'mode'],
  queryStyle: 'filter',
  response: z.object({ namespaces: z.array(ShowNamespace) }),
  status: 200,
  capability: 'read',
  resource: 'namespace',
  targets: { namespaceFilters: ['query.namespace'] },
});

export const showNamespace = defineOperation({
  name: 'showNamespace',
  number: 4,
  summary: 'Show an organization',
  method: 'GET',
  path: NS,
  params: namespaceParams,
  response: ShowNamespace,
  status: 200,
  capability: 'read',
  resource: 'namespace',
  targets: IN_PATH_NAMESPACE,
});

export const createNamespaceAuth = defineOperation({
  name: 'createNamespaceAuth',
  number: 21,
  summary: 'Grant IAM users a permission on an organization',
  method: 'POST',
  path: `${NS}/access`,
  params: namespaceParams,
  body: userAuths,
  status: 201,
  capability: 'admin',
  resource: 'permission',
  targets: IN_PATH_NAMESPACE,
});

export const deleteNamespaceAuth = defineOperation({
  name: 'deleteNamespaceAuth',
  number: 22,
  summary: "Remove IAM users' permissions on an organization",
  method: 'DELETE',
  path: `${NS}/access`,
  params: namespaceParams,
  body: z.array(iamUserId).check(z.minLength(1), z.maxLength(100)),
  status: 204,
  capability: 'admin',
  resource: 'permission',
  targets: IN_PATH_NAMESPACE,
});

export const updateNamespaceAuth = defineOperation({
  name: 'updateNamespaceAuth',
  number: 23,
  summary: "Change IAM users' permissions on an organization",
  method: 'PATCH',
  path: `${NS}/access`,
  params: namespaceParams,
  body: userAuths,
  status: 201,
  capability: 'admin',
  resource: 'permission',
  targets: IN_PATH_NAMESPACE,
});

export const showNamespaceAuth = defineOperation({
  name: 'showNamespaceAuth',
  number: 24,
  summary: 'Show the permissions on an organization',
  method: 'GET',
  path: `${NS}/access`,
  params: namespaceParams,
  response: NamespaceAuth,
  status: 200,
  capability: 'read',
  resource: 'permission',
  targets: IN_PATH_NAMESPACE,
});
