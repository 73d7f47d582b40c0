/**
 * One valid input for each of the 44 SWR operations, referring to the emulator's demo seed, in an
 * order where every operation finds what it needs: reads of seeded things first, then a throwaway
 * organization and repository of the caller (`who`) created, changed (permissions, shares, sync,
 * triggers, retention) and deleted again. Every input stays inside `payments` except the throwaway
 * organization, so a user scoped to `payments*` runs the same table.
 */
import {
  buildPath,
  operationNames,
  operations,
  type OperationInput,
  type OperationName,
  type SwrClient,
} from '@swr-dashboard/swr-client';

/** Seeded ids a table run needs, looked up before it starts. */
export interface SeededIds {
  /** The retention policy of payments/fraud-detector. */
  retentionId: number;
}

export interface TableContext {
  /** Names the caller's throwaway things: lowercase letters, digits and `-`. */
  who: string;
  seeded: SeededIds;
  /** A tag of payments/settlement-batch this run may delete (one per run). */
  spareTag: string;
  /** What the run created, for the calls after it. */
  created: { retentionId?: number };
}

export interface OperationStep {
  name: OperationName;
  input(ctx: TableContext): unknown;
  /** Keeps what a successful call returned, for later steps. */
  keep?(result: unknown, ctx: TableContext): void;
}

/** `step(name, keep?)(input)`: curried so that the input is typed by the operation. */
function step<N extends OperationName>(
  name: N,
  keep?: (result: unknown, ctx: TableContext) => void,
): (input: (ctx: TableContext) => OperationInput<N>) => OperationStep {
  return (input) => (keep === undefined ? { name, input } : { name, input, keep });
}

export const SEEDED = {
  namespace: 'payments',
  repository: 'payment-gateway',
  trigger: 'deploy-prod',
  sharedWith: 'partner-corp',
  retentionRepository: 'fraud-detector',
  tagRepository: 'settlement-batch',
} as const;

/** The caller's throwaway organization (admins only create one). */
export const throwawayNamespace = (ctx: TableContext) => `matrix-${ctx.who}`;
/** The caller's throwaway repository in `payments`, with a `/` to exercise `$`. */
export const throwawayRepository = (ctx: TableContext) => `matrix-${ctx.who}/app`;

const seededRepo = { namespace: SEEDED.namespace, repository: SEEDED.repository };
const ownRepo = (ctx: TableContext) => ({
  namespace: SEEDED.namespace,
  repository: throwawayRepository(ctx),
});
const IAM_USER = '0123456789abcdef0123456789abcdef';
const retentionBody = (num: string) => ({
  algorithm: 'or' as const,
  rules: [{ template: 'tag_rule' as const, params: { num }, tag_selectors: [] }],
});
const syncTarget = { remoteRegionId: 'cn-east-3', remoteNamespace: SEEDED.namespace };

export const OPERATION_TABLE: readonly OperationStep[] = [
  // Reads of the seed.
  step('listApiVersions')(() => ({})),
  step('showApiVersion')(() => ({ params: { api_version: 'v2' } })),
  step('listNamespaces')(() => ({})),
  step('showNamespace')(() => ({ params: { namespace: SEEDED.namespace } })),
  step('showNamespaceAuth')(() => ({ params: { namespace: SEEDED.namespace } })),
  step('listReposDetails')(() => ({
    query: { namespace: SEEDED.namespace, limit: 10, offset: 0 },
  })),
  step('showRepository')(() => ({ params: seededRepo })),
  step('listRepositoryTags')(() => ({ params: seededRepo, query: { limit: 5, offset: 0 } })),
  step('showUserRepositoryAuth')(() => ({ params: seededRepo })),
  step('listRepoDomains')(() => ({ params: seededRepo })),
  step('showAccessDomain')(() => ({
    params: { ...seededRepo, access_domain: SEEDED.sharedWith },
  })),
  step('listSharedReposDetails')(() => ({ query: { center: 'self' } })),
  step('showSyncJob')(() => ({ params: seededRepo, query: { limit: 10, offset: 0 } })),
  step('listImageAutoSyncReposDetails')(() => ({ params: seededRepo })),
  step('listTriggersDetails')(() => ({ params: seededRepo })),
  step('showTrigger')(() => ({ params: { ...seededRepo, trigger: SEEDED.trigger } })),
  step('listRetentions')(() => ({
    params: { namespace: SEEDED.namespace, repository: SEEDED.retentionRepository },
  })),
  step('showRetention')((ctx) => ({
    params: {
      namespace: SEEDED.namespace,
      repository: SEEDED.retentionRepository,
      retention_id: ctx.seeded.retentionId,
    },
  })),
  step('listRetentionHistories')(() => ({
    params: { namespace: SEEDED.namespace, repository: SEEDED.retentionRepository },
    query: { limit: 10, offset: 0 },
  })),
  // A credential.
  step('createSecret')(() => ({})),
  // A throwaway organization and its permissions (admin).
  step('createNamespace')((ctx) => ({ body: { namespace: throwawayNamespace(ctx) } })),
  step('createNamespaceAuth')((ctx) => ({
    params: { namespace: throwawayNamespace(ctx) },
    body: [{ user_id: IAM_USER, user_name: 'matrix-user', auth: 1 }],
  })),
  step('updateNamespaceAuth')((ctx) => ({
    params: { namespace: throwawayNamespace(ctx) },
    body: [{ user_id: IAM_USER, user_name: 'matrix-user', auth: 3 }],
  })),
  step('deleteNamespaceAuth')((ctx) => ({
    params: { namespace: throwawayNamespace(ctx) },
    body: [IAM_USER],
  })),
  // A throwaway repository: created and changed (operator), shared and granted (admin).
  step('createRepo')((ctx) => ({
    params: { namespace: SEEDED.namespace },
    body: {
      repository: throwawayRepository(ctx),
      is_public: false,
      category: 'other',
      description: 'made by the authorization tests',
    },
  })),
  step('updateRepo')((ctx) => ({
    params: ownRepo(ctx),
    body: { is_public: false, description: 'changed by the authorization tests' },
  })),
  step('createUserRepositoryAuth')((ctx) => ({
    params: ownRepo(ctx),
    body: [{ user_id: IAM_USER, user_name: 'matrix-user', auth: 1 }],
  })),
  step('updateUserRepositoryAuth')((ctx) => ({
    params: ownRepo(ctx),
    body: [{ user_id: IAM_USER, user_name: 'matrix-user', auth: 7 }],
  })),
  step('deleteUserRepositoryAuth')((ctx) => ({ params: ownRepo(ctx), body: [IAM_USER] })),
  step('createRepoDomains')((ctx) => ({
    params: ownRepo(ctx),
    body: { access_domain: SEEDED.sharedWith, permit: 'read', deadline: 'forever' },
  })),
  step('updateRepoDomains')((ctx) => ({
    params: { ...ownRepo(ctx), access_domain: SEEDED.sharedWith },
    body: { permit: 'read', deadline: 'forever', description: 'changed' },
  })),
  step('deleteRepoDomains')((ctx) => ({
    params: { ...ownRepo(ctx), access_domain: SEEDED.sharedWith },
  })),
  step('createImageSyncRepo')((ctx) => ({
    params: ownRepo(ctx),
    body: { ...syncTarget, syncAuto: true, override: false },
  })),
  step('createManualImageSyncRepo')((ctx) => ({
    params: ownRepo(ctx),
    body: { ...syncTarget, imageTag: ['latest'], override: false },
  })),
  step('deleteImageSyncRepo')((ctx) => ({ params: ownRepo(ctx), body: syncTarget })),
  step('createTrigger')((ctx) => ({
    params: ownRepo(ctx),
    body: {
      action: 'update',
      app_type: 'deployments',
      application: 'matrix-app',
      cluster_ns: 'default',
      condition: '.*',
      enable: 'true',
      name: 'matrix',
      trigger_type: 'all',
      trigger_mode: 'cci',
    },
  })),
  step('updateTrigger')((ctx) => ({
    params: { ...ownRepo(ctx), trigger: 'matrix' },
    body: { enable: 'false' },
  })),
  step('deleteTrigger')((ctx) => ({ params: { ...ownRepo(ctx), trigger: 'matrix' } })),
  step('createRetention', (result, ctx) => {
    ctx.created.retentionId = (result as { id: number }).id;
  })((ctx) => ({ params: ownRepo(ctx), body: retentionBody('10') })),
  step('updateRetention')((ctx) => ({
    params: { ...ownRepo(ctx), retention_id: ctx.created.retentionId ?? 1 },
    body: retentionBody('20'),
  })),
  step('deleteRetention')((ctx) => ({
    params: { ...ownRepo(ctx), retention_id: ctx.created.retentionId ?? 1 },
  })),
  step('deleteRepoTag')((ctx) => ({
    params: { namespace: SEEDED.namespace, repository: SEEDED.tagRepository, tag: ctx.spareTag },
  })),
  // Clean-up (admin).
  step('deleteRepo')((ctx) => ({ params: ownRepo(ctx) })),
  step('deleteNamespaces')((ctx) => ({ params: { namespace: throwawayNamespace(ctx) } })),
];

/** The upstream path an operation's input must produce (`$` for `/` in repositories). */
export function upstreamPathOf(name: OperationName, input: unknown): string {
  const params = (input as { params?: Record<string, string | number> }).params ?? {};
  return buildPath(operations[name].path, params);
}

/** Calls one operation through a typed client with a table input. */
export function callStep(client: SwrClient, name: OperationName, input: unknown) {
  return client.call(name, input as never);
}

/** Seeded ids and deletable tags, read from the emulator before a test measures anything. */
export async function lookUpSeed(
  direct: SwrClient,
): Promise<{ seeded: SeededIds; spareTags: string[] }> {
  const retentions = await direct.listRetentions({
    params: { namespace: SEEDED.namespace, repository: SEEDED.retentionRepository },
  });
  const retentionId = retentions[0]?.id;
  if (retentionId === undefined) throw new Error('the seed has no retention on fraud-detector');
  const tags = await direct.listRepositoryTags({
    params: { namespace: SEEDED.namespace, repository: SEEDED.tagRepository },
    query: { limit: 100, offset: 0 },
  });
  const spareTags = tags.items.map((tag) => tag.Tag).filter((tag) => tag !== 'latest');
  return { seeded: { retentionId }, spareTags };
}

/** The table names every operation of the contract exactly once. */
export function tableCoversContract(): { missing: string[]; extra: string[] } {
  const named = OPERATION_TABLE.map((entry) => entry.name);
  return {
    missing: operationNames.filter((name) => !named.includes(name)),
    extra: named.filter(
      (name, index) => !operationNames.includes(name) || named.indexOf(name) !== index,
    ),
  };
}
