/**
 * Invalid input the official SDK sends as given (it checks only that required parameters are
 * present): the emulator must answer with SWR's specific code, and our client must refuse the same
 * input before sending, naming the same field.
 */
import type { OperationName, SwrErrorKey } from '@swr-dashboard/swr-client';
import type { LooseInput } from './sdk';

export interface Refusal {
  name: OperationName;
  why: string;
  input: LooseInput;
  /** SWR's answer to the SDK's request. */
  error: SwrErrorKey;
  /** The field our client names, as `part.path` (e.g. `body.rules.0.params.days`). */
  issue: string;
}

const NS = { namespace: 'shop' };
const REPO = { namespace: 'shop', repository: 'web/app' };
const USER = { user_id: '529e1048b8f81669f2a5cb8d872cc0f4', user_name: 'dev1', auth: 1 };
const TRIGGER = {
  action: 'update',
  app_type: 'deployments',
  application: 'api',
  cluster_ns: 'default',
  condition: '.*',
  enable: 'true',
  name: 'to-prod',
  trigger_type: 'all',
  cluster_id: 'some-cluster',
};
const RULE = { template: 'tag_rule', params: { num: '5' }, tag_selectors: [] };

export const REFUSALS: Refusal[] = [
  // Organizations
  {
    name: 'createNamespace',
    why: 'uppercase and "_" next to a letter',
    input: { body: { namespace: 'Team_A' } },
    error: 'invalidNamespace',
    issue: 'body.namespace',
  },
  {
    name: 'createNamespace',
    why: 'no name',
    input: { body: {} },
    error: 'missingParam',
    issue: 'body.namespace',
  },
  {
    name: 'deleteNamespaces',
    why: 'an invalid organization in the path',
    input: { params: { namespace: 'Shop' } },
    error: 'invalidNamespaceInPath',
    issue: 'params.namespace',
  },
  {
    name: 'showNamespace',
    why: 'a 65-character organization',
    input: { params: { namespace: 'a'.repeat(65) } },
    error: 'invalidNamespaceInPath',
    issue: 'params.namespace',
  },
  {
    name: 'listNamespaces',
    why: 'an unknown mode in the filter',
    input: { query: { mode: 'everything' } },
    error: 'invalidParam',
    issue: 'query.mode',
  },

  // Repositories and tags
  {
    name: 'createRepo',
    why: 'is_public as the string "false"',
    input: { params: NS, body: { repository: 'web/app', is_public: 'false' } },
    error: 'invalidIsPublic',
    issue: 'body.is_public',
  },
  {
    name: 'createRepo',
    why: 'is_public missing',
    input: { params: NS, body: { repository: 'web/app' } },
    error: 'missingParam',
    issue: 'body.is_public',
  },
  {
    name: 'createRepo',
    why: 'a category outside the enumeration',
    input: { params: NS, body: { repository: 'web/app', is_public: false, category: 'bogus' } },
    error: 'invalidParam',
    issue: 'body.category',
  },
  {
    name: 'createRepo',
    why: 'an uppercase repository name',
    input: { params: NS, body: { repository: 'Web/App', is_public: false } },
    error: 'invalidRepository',
    issue: 'body.repository',
  },
  {
    name: 'updateRepo',
    why: 'a description over 30,000 characters',
    input: { params: REPO, body: { is_public: false, description: 'x'.repeat(30_001) } },
    error: 'descriptionTooLong',
    issue: 'body.description',
  },
  {
    name: 'showRepository',
    why: 'an invalid repository in the path',
    input: { params: { namespace: 'shop', repository: 'web__-app' } },
    error: 'invalidRepositoryInPath',
    issue: 'params.repository',
  },
  {
    name: 'deleteRepo',
    why: 'a repository ending in "-"',
    input: { params: { namespace: 'shop', repository: 'web-' } },
    error: 'invalidRepositoryInPath',
    issue: 'params.repository',
  },
  {
    name: 'listReposDetails',
    why: 'a limit that is not a number',
    input: { query: { limit: 'abc', offset: '0' } },
    error: 'invalidPageSize',
    issue: 'query.limit',
  },
  {
    name: 'listReposDetails',
    why: 'a limit over 1000',
    input: { query: { limit: 2000, offset: 0 } },
    error: 'invalidPageSize',
    issue: 'query.limit',
  },
  {
    name: 'listRepositoryTags',
    why: 'an order column that does not exist',
    input: { params: REPO, query: { order_column: 'size', order_type: 'asc' } },
    error: 'invalidFilter',
    issue: 'query.order_column',
  },
  {
    name: 'listRepositoryTags',
    why: 'a limit without an offset',
    input: { params: REPO, query: { limit: 10 } },
    error: 'invalidPageSize',
    issue: 'query.offset',
  },
  {
    name: 'deleteRepoTag',
    why: 'a tag starting with "."',
    input: { params: { ...REPO, tag: '.hidden' } },
    error: 'invalidTag',
    issue: 'params.tag',
  },

  // Login secret
  {
    name: 'createSecret',
    why: 'an uppercase project name',
    input: { query: { projectname: 'OPS' } },
    error: 'invalidParam',
    issue: 'query.projectname',
  },

  // Sharing
  {
    name: 'createRepoDomains',
    why: 'permit "write" (only pulling can be shared)',
    input: {
      params: REPO,
      body: { access_domain: 'partner-corp', permit: 'write', deadline: 'forever' },
    },
    error: 'invalidPermit',
    issue: 'body.permit',
  },
  {
    name: 'createRepoDomains',
    why: 'a deadline that is not a time',
    input: {
      params: REPO,
      body: { access_domain: 'partner-corp', permit: 'read', deadline: 'tomorrow' },
    },
    error: 'invalidParam',
    issue: 'body.deadline',
  },
  {
    name: 'createRepoDomains',
    why: 'an account name starting with a digit',
    input: { params: REPO, body: { access_domain: '9lives', permit: 'read', deadline: 'forever' } },
    error: 'invalidDomain',
    issue: 'body.access_domain',
  },
  {
    name: 'updateRepoDomains',
    why: 'permit missing',
    input: {
      params: { ...REPO, access_domain: 'partner-corp' },
      body: { deadline: 'forever' },
    },
    error: 'missingParam',
    issue: 'body.permit',
  },
  {
    name: 'deleteRepoDomains',
    why: 'an invalid account in the path',
    input: { params: { ...REPO, access_domain: '-partner' } },
    error: 'invalidDomain',
    issue: 'params.access_domain',
  },
  {
    name: 'showAccessDomain',
    why: 'an invalid organization in the path',
    input: { params: { ...REPO, namespace: 'Shop', access_domain: 'partner-corp' } },
    error: 'invalidNamespaceInPath',
    issue: 'params.namespace',
  },
  {
    name: 'listSharedReposDetails',
    why: 'a center that does not exist',
    input: { query: { center: 'everyone' } },
    error: 'invalidParam',
    issue: 'query.center',
  },

  // API versions
  {
    name: 'showApiVersion',
    why: 'not a version',
    input: { params: { api_version: 'latest' } },
    error: 'urlNotFound',
    issue: 'params.api_version',
  },

  // Organization permissions
  {
    name: 'createNamespaceAuth',
    why: 'auth 5 (only 1, 3 and 7 exist)',
    input: { params: NS, body: [{ ...USER, auth: 5 }] },
    error: 'invalidNamespaceAuth',
    issue: 'body.0.auth',
  },
  {
    name: 'updateNamespaceAuth',
    why: 'a grant without user_name',
    input: { params: NS, body: [{ user_id: '529e1048b8f81669f2a5cb8d872cc0f4', auth: 3 }] },
    error: 'missingParam',
    issue: 'body.0.user_name',
  },
  {
    name: 'deleteNamespaceAuth',
    why: 'no user ids (the SDK then sends no body at all)',
    input: { params: NS, body: [] },
    error: 'missingParam',
    issue: 'body',
  },
  {
    name: 'showNamespaceAuth',
    why: 'an invalid organization in the path',
    input: { params: { namespace: '_shop' } },
    error: 'invalidNamespaceInPath',
    issue: 'params.namespace',
  },

  // Repository permissions
  {
    name: 'createUserRepositoryAuth',
    why: 'auth 2',
    input: { params: REPO, body: [{ ...USER, auth: 2 }] },
    error: 'invalidRepositoryAuth',
    issue: 'body.0.auth',
  },
  {
    name: 'updateUserRepositoryAuth',
    why: 'auth as the string "7"',
    input: { params: REPO, body: [{ ...USER, auth: '7' }] },
    error: 'invalidRepositoryAuth',
    issue: 'body.0.auth',
  },
  {
    name: 'deleteUserRepositoryAuth',
    why: 'a user id with a space',
    input: { params: REPO, body: ['dev 1'] },
    error: 'invalidParam',
    issue: 'body.0',
  },
  {
    name: 'showUserRepositoryAuth',
    why: 'an invalid repository in the path',
    input: { params: { namespace: 'shop', repository: '.web' } },
    error: 'invalidRepositoryInPath',
    issue: 'params.repository',
  },

  // Image sync
  {
    name: 'showSyncJob',
    why: 'a filter without limit',
    input: { params: REPO, query: { offset: 0 } },
    error: 'missingParam',
    issue: 'query.limit',
  },
  {
    name: 'showSyncJob',
    why: 'an order that is neither asc nor desc',
    input: { params: REPO, query: { limit: 10, offset: 0, order: 'newest' } },
    error: 'invalidFilter',
    issue: 'query.order',
  },
  {
    name: 'listImageAutoSyncReposDetails',
    why: 'an invalid organization in the path',
    input: { params: { namespace: 'Shop', repository: 'web/app' } },
    error: 'invalidNamespaceInPath',
    issue: 'params.namespace',
  },
  {
    name: 'createImageSyncRepo',
    why: 'a region id that is not one',
    input: { params: REPO, body: { remoteRegionId: 'mars', remoteNamespace: 'dst' } },
    error: 'invalidParam',
    issue: 'body.remoteRegionId',
  },
  {
    name: 'createImageSyncRepo',
    why: 'syncAuto as the string "yes"',
    input: {
      params: REPO,
      body: { remoteRegionId: 'cn-east-3', remoteNamespace: 'dst', syncAuto: 'yes' },
    },
    error: 'invalidParam',
    issue: 'body.syncAuto',
  },
  {
    name: 'deleteImageSyncRepo',
    why: 'remoteNamespace missing',
    input: { params: REPO, body: { remoteRegionId: 'cn-east-3' } },
    error: 'missingParam',
    issue: 'body.remoteNamespace',
  },
  {
    name: 'createManualImageSyncRepo',
    why: 'a tag starting with "-"',
    input: {
      params: REPO,
      body: { imageTag: ['-bad'], remoteRegionId: 'cn-east-3', remoteNamespace: 'dst' },
    },
    error: 'invalidTag',
    issue: 'body.imageTag.0',
  },

  // Triggers
  {
    name: 'createTrigger',
    why: 'enable as the boolean true',
    input: { params: REPO, body: { ...TRIGGER, enable: true } },
    error: 'invalidParam',
    issue: 'body.enable',
  },
  {
    name: 'createTrigger',
    why: 'a trigger for all tags whose condition is not ".*"',
    input: { params: REPO, body: { ...TRIGGER, condition: 'v1' } },
    error: 'invalidParam',
    issue: 'body.condition',
  },
  {
    name: 'createTrigger',
    why: 'an app type that does not exist',
    input: { params: REPO, body: { ...TRIGGER, app_type: 'daemonsets' } },
    error: 'invalidParam',
    issue: 'body.app_type',
  },
  {
    name: 'createTrigger',
    why: 'enable missing',
    input: { params: REPO, body: { ...TRIGGER, enable: undefined } },
    error: 'missingParam',
    issue: 'body.enable',
  },
  {
    name: 'updateTrigger',
    why: 'enable "yes"',
    input: { params: { ...REPO, trigger: 'to-prod' }, body: { enable: 'yes' } },
    error: 'invalidParam',
    issue: 'body.enable',
  },
  {
    name: 'showTrigger',
    why: 'a trigger name starting with a digit',
    input: { params: { ...REPO, trigger: '1st' } },
    error: 'invalidParam',
    issue: 'params.trigger',
  },
  {
    name: 'deleteTrigger',
    why: 'an invalid organization in the path',
    input: { params: { ...REPO, namespace: 'Shop', trigger: 'to-prod' } },
    error: 'invalidNamespaceInPath',
    issue: 'params.namespace',
  },
  {
    name: 'listTriggersDetails',
    // Not `web//app`: the SDK fills paths with String.replace, which turns its `$$` into `$`.
    why: 'a repository with "/" next to "-"',
    input: { params: { namespace: 'shop', repository: 'web/-app' } },
    error: 'invalidRepositoryInPath',
    issue: 'params.repository',
  },

  // Retention
  {
    name: 'createRetention',
    why: 'days as a number, not a string',
    input: {
      params: REPO,
      body: {
        algorithm: 'or',
        rules: [{ template: 'date_rule', params: { days: 30 }, tag_selectors: [] }],
      },
    },
    error: 'invalidParam',
    issue: 'body.rules.0.params.days',
  },
  {
    name: 'createRetention',
    why: 'two rules',
    input: { params: REPO, body: { algorithm: 'or', rules: [RULE, RULE] } },
    error: 'invalidParam',
    issue: 'body.rules',
  },
  {
    name: 'updateRetention',
    why: 'num 0',
    input: {
      params: { ...REPO, retention_id: 1 },
      body: { algorithm: 'or', rules: [{ ...RULE, params: { num: '0' } }] },
    },
    error: 'invalidParam',
    issue: 'body.rules.0.params.num',
  },
  {
    name: 'updateRetention',
    why: 'an exemption that is not a regular expression',
    input: {
      params: { ...REPO, retention_id: 1 },
      body: {
        algorithm: 'or',
        rules: [{ ...RULE, tag_selectors: [{ kind: 'regexp', pattern: '(' }] }],
      },
    },
    error: 'invalidParam',
    issue: 'body.rules.0.tag_selectors.0.pattern',
  },
  {
    name: 'deleteRetention',
    why: 'a retention id that is not a number',
    input: { params: { ...REPO, retention_id: 'abc' } },
    error: 'invalidParam',
    issue: 'params.retention_id',
  },
  {
    name: 'showRetention',
    why: 'retention id 0',
    input: { params: { ...REPO, retention_id: 0 } },
    error: 'invalidParam',
    issue: 'params.retention_id',
  },
  {
    name: 'listRetentions',
    why: 'an invalid organization in the path',
    input: { params: { namespace: 'shop.', repository: 'web/app' } },
    error: 'invalidNamespaceInPath',
    issue: 'params.namespace',
  },
  {
    name: 'listRetentionHistories',
    why: 'a limit over 1000',
    input: { params: REPO, query: { limit: 5000, offset: 0 } },
    error: 'invalidPageSize',
    issue: 'query.limit',
  },
];
