import {
  operationNames,
  operations,
  type OperationName,
  type ResourceType,
} from '@swr-dashboard/swr-client';
import { describe, expect, it } from 'vitest';

/**
 * What the audit records of each operation have named as their resource since the trail began
 * (the words the audit page translates). The declarations replaced a guess from the operation's
 * name, checked equal to it operation by operation; this table keeps them from drifting.
 */
const RECORDED: Record<OperationName, ResourceType> = {
  createNamespace: 'namespace',
  deleteNamespaces: 'namespace',
  listNamespaces: 'namespace',
  showNamespace: 'namespace',
  createRepo: 'repository',
  deleteRepo: 'repository',
  updateRepo: 'repository',
  showRepository: 'repository',
  listReposDetails: 'repository',
  listRepositoryTags: 'repository',
  deleteRepoTag: 'tag',
  createSecret: 'credential',
  createRepoDomains: 'share',
  deleteRepoDomains: 'share',
  updateRepoDomains: 'share',
  showAccessDomain: 'share',
  listRepoDomains: 'share',
  listSharedReposDetails: 'share',
  listApiVersions: 'api',
  showApiVersion: 'api',
  createNamespaceAuth: 'permission',
  deleteNamespaceAuth: 'permission',
  updateNamespaceAuth: 'permission',
  showNamespaceAuth: 'permission',
  createUserRepositoryAuth: 'permission',
  deleteUserRepositoryAuth: 'permission',
  updateUserRepositoryAuth: 'permission',
  showUserRepositoryAuth: 'permission',
  showSyncJob: 'sync',
  listImageAutoSyncReposDetails: 'sync',
  createImageSyncRepo: 'sync',
  deleteImageSyncRepo: 'sync',
  createManualImageSyncRepo: 'sync',
  createTrigger: 'trigger',
  listTriggersDetails: 'trigger',
  deleteTrigger: 'trigger',
  showTrigger: 'trigger',
  updateTrigger: 'trigger',
  createRetention: 'retention',
  listRetentions: 'retention',
  deleteRetention: 'retention',
  showRetention: 'retention',
  updateRetention: 'retention',
  listRetentionHistories: 'retention',
};

describe('the resource type each operation declares', () => {
  it.each(operationNames)('%s declares what its audit records have always named', (name) => {
    expect(operations[name].resource).toBe(RECORDED[name]);
  });
});
