/** Repositories, their tags and their IAM permissions: operations 5–11 and 25–28. */
import { z } from '../../zod';
import {
  iamUserId,
  namespaceName,
  repositoryCategory,
  repositoryDescription,
  repositoryName,
  tagName,
} from '../../names';
import {
  booleanLike,
  defineOperation,
  filterText,
  orderType,
  pageLimit,
  pageOffset,
  pairedPaging,
  IN_PATH_NAMESPACE,
} from '../define';
import {
  RepositoryAuth,
  RepositoryDetail,
  RepositorySummary,
  TagDetail,
  UserAuthInput,
} from '../models';

const REPO = '/v2/manage/namespaces/{namespace}/repos/{repository}';
const repoParams = z.strictObject({ namespace: namespaceName, repository: repositoryName });
const userAuths = z.array(UserAuthInput).check(z.minLength(1), z.maxLength(100));

export const REPOSITORY_ORDER_COLUMNS = [
  'updated_time',
  'updated_at',
  'created_at',
  'name',
  'tag_count',
  'namespace',
  'is_public',
] as const;

export const TAG_ORDER_COLUMNS = ['updated_at', 'tag'] as const;

export const createRepo = defineOperation({
  name: 'createRepo',
  number: 5,
  summary: 'Create a repository',
  method: 'POST',
  path: '/v2/manage/namespaces/{namespace}/repos',
  params: z.strictObject({ namespace: namespaceName }),
  body: z.strictObject({
    repository: repositoryName,
    is_public: z.boolean(),
    category: z.optional(repositoryCategory),
    description: z.optional(repositoryDescription),
  }),
  status: 201,
  capability: 'write',
  resource: 'repository',
  targets: IN_PATH_NAMESPACE,
});

export const deleteRepo = defineOperation({
  name: 'deleteRepo',
  number: 6,
  summary: 'Delete a repository and all its tags',
  method: 'DELETE',
  path: REPO,
  params: repoParams,
  status: 204,
  // Deleting a repository deletes every tag in it: an admin's call (docs/security.md B5).
  capability: 'admin',
  resource: 'repository',
  targets: IN_PATH_NAMESPACE,
});

export const updateRepo = defineOperation({
  name: 'updateRepo',
  number: 7,
  summary: "Change a repository's visibility, category or description",
  method: 'PATCH',
  path: REPO,
  params: repoParams,
  body: z.strictObject({
    is_public: z.boolean(),
    category: z.optional(repositoryCategory),
    description: z.optional(repositoryDescription),
  }),
  status: 201,
  capability: 'write',
  resource: 'repository',
  targets: IN_PATH_NAMESPACE,
});

export const showRepository = defineOperation({
  name: 'showRepository',
  number: 8,
  summary: 'Show a repository',
  method: 'GET',
  path: REPO,
  params: repoParams,
  response: RepositoryDetail,
  status: 200,
  capability: 'read',
  resource: 'repository',
  targets: IN_PATH_NAMESPACE,
});

export const listReposDetails = defineOperation({
  name: 'listReposDetails',
  number: 9,
  summary: 'List repositories',
  method: 'GET',
  path: '/v2/manage/repos',
  query: z
    .strictObject({
      namespace: z.optional(filterText(64)),
      name: z.optional(filterText(128)),
      category: z.optional(repositoryCategory),
      is_public: z.optional(booleanLike),
      limit: z.optional(pageLimit),
      offset: z.optional(pageOffset),
      order_column: z.optional(z.enum(REPOSITORY_ORDER_COLUMNS)),
      order_type: z.optional(orderType),
    })
    .check(z.superRefine(pairedPaging)),
  filterKeys: [
    'namespace',
    'name',
    'category',
    'is_public',
    'limit',
    'offset',
    'order_column',
    'order_type',
  ],
  queryStyle: 'filter',
  response: z.array(RepositorySummary),
  status: 200,
  capability: 'read',
  resource: 'repository',
  targets: { namespaceFilters: ['query.namespace'] },
  page: { items: 'body' },
});

export const listRepositoryTags = defineOperation({
  name: 'listRepositoryTags',
  number: 10,
  summary: "List a repository's tags",
  method: 'GET',
  path: `${REPO}/tags`,
  params: repoParams,
  query: z
    .strictObject({
      tag: z.optional(filterText(128)),
      limit: z.optional(pageLimit),
      offset: z.optional(pageOffset),
      order_column: z.optional(z.enum(TAG_ORDER_COLUMNS)),
      order_type: z.optional(orderType),
    })
    .check(z.superRefine(pairedPaging)),
  filterKeys: ['tag', 'limit', 'offset', 'order_column', 'order_type'],
  response: z.array(TagDetail),
  status: 200,
  capability: 'read',
  resource: 'repository',
  targets: IN_PATH_NAMESPACE,
  page: { items: 'body' },
});

export const deleteRepoTag = defineOperation({
  name: 'deleteRepoTag',
  number: 11,
  summary: 'Delete the image of a tag',
  method: 'DELETE',
  path: `${REPO}/tags/{tag}`,
  params: z.extend(repoParams, { tag: tagName }),
  status: 204,
  capability: 'write',
  resource: 'tag',
  targets: IN_PATH_NAMESPACE,
});

export const createUserRepositoryAuth = defineOperation({
  name: 'createUserRepositoryAuth',
  number: 25,
  summary: 'Grant IAM users a permission on a repository',
  method: 'POST',
  path: `${REPO}/access`,
  params: repoParams,
  body: userAuths,
  status: 201,
  capability: 'admin',
  resource: 'permission',
  targets: IN_PATH_NAMESPACE,
});

export const deleteUserRepositoryAuth = defineOperation({
  name: 'deleteUserRepositoryAuth',
  number: 26,
  summary: "Remove IAM users' permissions on a repository",
  method: 'DELETE',
  path: `${REPO}/access`,
  params: repoParams,
  body: z.array(iamUserId).check(z.minLength(1), z.maxLength(100)),
  status: 204,
  capability: 'admin',
  resource: 'permission',
  targets: IN_PATH_NAMESPACE,
});

export const updateUserRepositoryAuth = defineOperation({
  name: 'updateUserRepositoryAuth',
  number: 27,
  summary: "Change IAM users' permissions on a repository",
  method: 'PATCH',
  path: `${REPO}/access`,
  params: repoParams,
  body: userAuths,
  status: 201,
  capability: 'admin',
  resource: 'permission',
  targets: IN_PATH_NAMESPACE,
});

export const showUserRepositoryAuth = defineOperation({
  name: 'showUserRepositoryAuth',
  number: 28,
  summary: 'Show the permissions on a repository',
  method: 'GET',
  path: `${REPO}/access`,
  params: repoParams,
  response: RepositoryAuth,
  status: 200,
  capability: 'read',
  resource: 'permission',
  targets: IN_PATH_NAMESPACE,
});
