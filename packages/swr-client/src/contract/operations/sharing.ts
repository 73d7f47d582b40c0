/** Sharing private images with other accounts: operations 13–18. */
import { z } from '../../zod';
import { accountName, namespaceName, repositoryName } from '../../names';
import {
  defineOperation,
  filterText,
  orderType,
  pageLimit,
  pageOffset,
  pairedPaging,
  IN_PATH_NAMESPACE,
} from '../define';
import { AccessDomainCheck, RepositoryShare, RepositorySummary } from '../models';

const SHARES = '/v2/manage/namespaces/{namespace}/repositories/{repository}/access-domains';
const repoParams = z.strictObject({ namespace: namespaceName, repository: repositoryName });
const shareParams = z.extend(repoParams, { access_domain: accountName });

/** `forever`, or a UTC time such as `2026-12-31T00:00:00Z` or `2026-12-31T16:00:00.000Z`. */
export const SHARE_DEADLINE_RULE = 'Use "forever" or a UTC time such as 2026-12-31T00:00:00Z.';
export const shareDeadline = z.union(
  [
    z.literal('forever'),
    z.string().check(
      z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/),
      z.refine((value) => {
        return Number.isFinite(Date.parse(value));
      }),
    ),
  ],
  { error: SHARE_DEADLINE_RULE },
);

/** Only pulling (`read`) can be shared. */
export const sharePermit = z.literal('read', { error: 'Only "read" (pull) can be shared.' });

const shareDescription = z.string().check(z.maxLength(1024));

export const SHARED_ORDER_COLUMNS = [
  'updated_at',
  'name',
  'tag_count',
  'namespace',
  'domain_name',
] as const;

export const createRepoDomains = defineOperation({
  name: 'createRepoDomains',
  number: 13,
  summary: 'Share a repository with an account',
  method: 'POST',
  path: SHARES,
  params: repoParams,
  body: z.strictObject({
    access_domain: accountName,
    permit: sharePermit,
    deadline: shareDeadline,
    description: z.optional(shareDescription),
  }),
  status: 201,
  capability: 'admin',
  resource: 'share',
  targets: { ...IN_PATH_NAMESPACE, accounts: ['body.access_domain'] },
});

export const deleteRepoDomains = defineOperation({
  name: 'deleteRepoDomains',
  number: 14,
  summary: 'Stop sharing a repository with an account',
  method: 'DELETE',
  path: `${SHARES}/{access_domain}`,
  params: shareParams,
  status: 204,
  capability: 'admin',
  resource: 'share',
  targets: { ...IN_PATH_NAMESPACE, accounts: ['params.access_domain'] },
});

export const updateRepoDomains = defineOperation({
  name: 'updateRepoDomains',
  number: 15,
  summary: "Change a share's deadline or description",
  method: 'PATCH',
  path: `${SHARES}/{access_domain}`,
  params: shareParams,
  body: z.strictObject({
    permit: sharePermit,
    deadline: shareDeadline,
    description: z.optional(shareDescription),
  }),
  status: 201,
  capability: 'admin',
  resource: 'share',
  targets: { ...IN_PATH_NAMESPACE, accounts: ['params.access_domain'] },
});

export const showAccessDomain = defineOperation({
  name: 'showAccessDomain',
  number: 16,
  summary: 'Check whether a repository is shared with an account',
  method: 'GET',
  path: `${SHARES}/{access_domain}`,
  params: shareParams,
  response: AccessDomainCheck,
  status: 200,
  capability: 'read',
  resource: 'share',
  targets: { ...IN_PATH_NAMESPACE, accounts: ['params.access_domain'] },
});

export const listRepoDomains = defineOperation({
  name: 'listRepoDomains',
  number: 17,
  summary: 'List the accounts a repository is shared with',
  method: 'GET',
  path: SHARES,
  params: repoParams,
  response: z.array(RepositoryShare),
  status: 200,
  capability: 'read',
  resource: 'share',
  targets: IN_PATH_NAMESPACE,
});

export const listSharedReposDetails = defineOperation({
  name: 'listSharedReposDetails',
  number: 18,
  summary: 'List shared images: shared by this account (self) or with it (thirdparty)',
  method: 'GET',
  path: '/v2/manage/shared-repositories',
  query: z
    .strictObject({
      center: z.enum(['self', 'thirdparty']),
      namespace: z.optional(filterText(64)),
      name: z.optional(filterText(128)),
      limit: z.optional(pageLimit),
      offset: z.optional(pageOffset),
      order_column: z.optional(z.enum(SHARED_ORDER_COLUMNS)),
      order_type: z.optional(orderType),
    })
    .check(z.superRefine(pairedPaging)),
  filterKeys: ['center', 'namespace', 'name', 'limit', 'offset', 'order_column', 'order_type'],
  queryStyle: 'filter',
  response: z.array(RepositorySummary),
  status: 200,
  capability: 'read',
  resource: 'share',
  targets: { namespaceFilters: ['query.namespace'] },
  page: { items: 'body' },
});
