/**
 * One valid input for each of the 44 operations, shaped as docs/swr-api.md ("Operations") describes
 * the calls. Typed against the client's input types, so the compiler checks them as well as the
 * schemas.
 */
import type { OperationInput } from '../../src/client';
import type { OperationName } from '../../src/contract/operations';

const ns = { namespace: 'demo' } as const;
const repo = { namespace: 'demo', repository: 'web/app' } as const;
const share = { ...repo, access_domain: 'partner01' } as const;
const trigger = { ...repo, trigger: 't1' } as const;
const retention = { ...repo, retention_id: 5 } as const;
const userAuths = [
  { user_id: 'a208affd377cbf8243f68776df99e359', user_name: 'user01', auth: 1 },
  { user_id: '371678dbf68504449913387fa108fd9d', user_name: 'user02', auth: 7 },
] as const;
const retentionBody: OperationInput<'createRetention'>['body'] = {
  algorithm: 'or',
  rules: [
    {
      template: 'tag_rule',
      params: { num: '7' },
      tag_selectors: [
        { kind: 'label', pattern: 'latest' },
        { kind: 'regexp', pattern: '^release-' },
      ],
    },
  ],
};

export const validInputs: { readonly [N in OperationName]: OperationInput<N> } = {
  createNamespace: { body: { namespace: 'group' } },
  deleteNamespaces: { params: ns },
  listNamespaces: { query: { namespace: 'demo', mode: 'visible' } },
  showNamespace: { params: ns },
  createRepo: {
    params: ns,
    body: { repository: 'web/app', is_public: false, category: 'linux', description: 'd' },
  },
  deleteRepo: { params: repo },
  updateRepo: { params: repo, body: { is_public: true, category: 'arms', description: 'x' } },
  showRepository: { params: repo },
  listReposDetails: {
    query: {
      namespace: 'demo',
      name: 'web',
      limit: 10,
      offset: 0,
      order_column: 'updated_at',
      order_type: 'desc',
    },
  },
  listRepositoryTags: {
    params: repo,
    query: { limit: '10', offset: '0', order_column: 'updated_at', order_type: 'desc' },
  },
  deleteRepoTag: { params: { ...repo, tag: 'v1.0' } },
  createSecret: { query: { projectname: 'cn-north-4' } },
  createRepoDomains: {
    params: repo,
    body: { access_domain: 'partner01', permit: 'read', deadline: 'forever', description: 'x' },
  },
  deleteRepoDomains: { params: share },
  updateRepoDomains: {
    params: share,
    body: { permit: 'read', deadline: '2026-12-31T16:00:00.000Z' },
  },
  showAccessDomain: { params: share },
  listRepoDomains: { params: repo },
  listSharedReposDetails: { query: { center: 'thirdparty', limit: 10, offset: 0 } },
  listApiVersions: {},
  showApiVersion: { params: { api_version: 'v2' } },
  createNamespaceAuth: { params: ns, body: [...userAuths] },
  deleteNamespaceAuth: {
    params: ns,
    body: ['a208affd377cbf8243f68776df99e359', '371678dbf68504449913387fa108fd9d'],
  },
  updateNamespaceAuth: {
    params: ns,
    body: [{ user_id: 'a208affd377cbf8243f68776df99e359', user_name: 'u', auth: 3 }],
  },
  showNamespaceAuth: { params: ns },
  createUserRepositoryAuth: { params: repo, body: [...userAuths] },
  deleteUserRepositoryAuth: { params: repo, body: ['a208affd377cbf8243f68776df99e359'] },
  updateUserRepositoryAuth: { params: repo, body: [...userAuths] },
  showUserRepositoryAuth: { params: repo },
  showSyncJob: { params: repo, query: { limit: 10, offset: 0, order: 'desc' } },
  listImageAutoSyncReposDetails: { params: repo },
  createImageSyncRepo: {
    params: repo,
    body: { remoteRegionId: 'cn-east-3', remoteNamespace: 'demo', syncAuto: true, override: false },
  },
  deleteImageSyncRepo: {
    params: repo,
    body: { remoteRegionId: 'cn-east-3', remoteNamespace: 'demo' },
  },
  createManualImageSyncRepo: {
    params: repo,
    body: { imageTag: ['v1', 'latest'], remoteNamespace: 'demo', remoteRegionId: 'cn-east-3' },
  },
  createTrigger: {
    params: repo,
    body: {
      action: 'update',
      app_type: 'deployments',
      application: 'web',
      cluster_ns: 'default',
      condition: '.*',
      enable: 'true',
      name: 't1',
      trigger_type: 'all',
      cluster_id: 'cid',
      cluster_name: 'cc',
    },
  },
  listTriggersDetails: { params: repo },
  deleteTrigger: { params: trigger },
  showTrigger: { params: trigger },
  updateTrigger: { params: trigger, body: { enable: 'false' } },
  createRetention: { params: repo, body: retentionBody },
  listRetentions: { params: repo },
  deleteRetention: { params: retention },
  showRetention: { params: { ...repo, retention_id: '42' } },
  updateRetention: { params: retention, body: retentionBody },
  listRetentionHistories: { params: repo, query: { limit: 10, offset: 0 } },
};
