/** Cross-region image synchronization: operations 29–33. Body keys are camelCase. */
import { z } from '../../zod';
import { namespaceName, regionId, repositoryName, tagName } from '../../names';
import {
  defineOperation,
  orderType,
  pageLimit,
  pageOffset,
  IN_PATH_NAMESPACE,
  type OperationTargets,
} from '../define';
import { SyncJob, SyncRepo } from '../models';

const REPO = '/v2/manage/namespaces/{namespace}/repos/{repository}';
const repoParams = z.strictObject({ namespace: namespaceName, repository: repositoryName });

/** A sync acts on the repository's organization and on the target organization in another region. */
const SYNC_TARGETS = {
  namespaces: [
    { field: 'params.namespace' },
    { field: 'body.remoteNamespace', region: 'body.remoteRegionId' },
  ],
  regions: ['body.remoteRegionId'],
} as const satisfies OperationTargets;

/** The most tags one manual sync takes. */
export const MANUAL_SYNC_TAGS_MAX = 100;

export const showSyncJob = defineOperation({
  name: 'showSyncJob',
  number: 29,
  summary: "List a repository's sync jobs",
  method: 'GET',
  path: `${REPO}/sync_job`,
  params: repoParams,
  query: z.strictObject({
    limit: pageLimit,
    offset: pageOffset,
    /** Sorts by creation time. */
    order: z.optional(orderType),
  }),
  filterKeys: ['limit', 'offset', 'order'],
  queryStyle: 'filter',
  response: z.array(SyncJob),
  status: 200,
  capability: 'read',
  resource: 'sync',
  targets: IN_PATH_NAMESPACE,
  page: { items: 'body' },
});

export const listImageAutoSyncReposDetails = defineOperation({
  name: 'listImageAutoSyncReposDetails',
  number: 30,
  summary: "List a repository's automatic sync policies",
  method: 'GET',
  path: `${REPO}/sync_repo`,
  params: repoParams,
  response: z.array(SyncRepo),
  status: 200,
  capability: 'read',
  resource: 'sync',
  targets: IN_PATH_NAMESPACE,
});

export const createImageSyncRepo = defineOperation({
  name: 'createImageSyncRepo',
  number: 31,
  summary: 'Create an automatic sync policy to another region',
  method: 'POST',
  path: `${REPO}/sync_repo`,
  params: repoParams,
  body: z.strictObject({
    remoteRegionId: regionId,
    remoteNamespace: namespaceName,
    syncAuto: z.optional(z.boolean()),
    override: z.optional(z.boolean()),
  }),
  status: 200,
  capability: 'write',
  resource: 'sync',
  targets: SYNC_TARGETS,
});

export const deleteImageSyncRepo = defineOperation({
  name: 'deleteImageSyncRepo',
  number: 32,
  summary: 'Delete an automatic sync policy',
  method: 'DELETE',
  path: `${REPO}/sync_repo`,
  params: repoParams,
  body: z.strictObject({ remoteRegionId: regionId, remoteNamespace: namespaceName }),
  status: 200,
  capability: 'write',
  resource: 'sync',
  targets: SYNC_TARGETS,
});

export const createManualImageSyncRepo = defineOperation({
  name: 'createManualImageSyncRepo',
  number: 33,
  summary: 'Sync chosen tags to another region now; answers with the tags that failed',
  method: 'POST',
  path: `${REPO}/sync_images`,
  params: repoParams,
  body: z.strictObject({
    imageTag: z.array(tagName).check(z.minLength(1), z.maxLength(MANUAL_SYNC_TAGS_MAX)),
    remoteNamespace: namespaceName,
    remoteRegionId: regionId,
    override: z.optional(z.boolean()),
  }),
  response: z.array(z.string()),
  status: 200,
  capability: 'write',
  resource: 'sync',
  targets: SYNC_TARGETS,
});
