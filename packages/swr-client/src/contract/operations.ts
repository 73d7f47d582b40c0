/**
 * The 44 SWR operations, in the order of SWR's API overview. This table is the contract: the
 * client, the emulator and the BFF are all built from it.
 */
import type { z } from '../zod';
import type { OperationDefinition } from './define';
import * as organizations from './operations/organizations';
import * as repositories from './operations/repositories';
import * as retention from './operations/retention';
import * as sharing from './operations/sharing';
import * as sync from './operations/sync';
import * as system from './operations/system';
import * as triggers from './operations/triggers';

export const operations = {
  createNamespace: organizations.createNamespace,
  deleteNamespaces: organizations.deleteNamespaces,
  listNamespaces: organizations.listNamespaces,
  showNamespace: organizations.showNamespace,
  createRepo: repositories.createRepo,
  deleteRepo: repositories.deleteRepo,
  updateRepo: repositories.updateRepo,
  showRepository: repositories.showRepository,
  listReposDetails: repositories.listReposDetails,
  listRepositoryTags: repositories.listRepositoryTags,
  deleteRepoTag: repositories.deleteRepoTag,
  createSecret: system.createSecret,
  createRepoDomains: sharing.createRepoDomains,
  deleteRepoDomains: sharing.deleteRepoDomains,
  updateRepoDomains: sharing.updateRepoDomains,
  showAccessDomain: sharing.showAccessDomain,
  listRepoDomains: sharing.listRepoDomains,
  listSharedReposDetails: sharing.listSharedReposDetails,
  listApiVersions: system.listApiVersions,
  showApiVersion: system.showApiVersion,
  createNamespaceAuth: organizations.createNamespaceAuth,
  deleteNamespaceAuth: organizations.deleteNamespaceAuth,
  updateNamespaceAuth: organizations.updateNamespaceAuth,
  showNamespaceAuth: organizations.showNamespaceAuth,
  createUserRepositoryAuth: repositories.createUserRepositoryAuth,
  deleteUserRepositoryAuth: repositories.deleteUserRepositoryAuth,
  updateUserRepositoryAuth: repositories.updateUserRepositoryAuth,
  showUserRepositoryAuth: repositories.showUserRepositoryAuth,
  showSyncJob: sync.showSyncJob,
  listImageAutoSyncReposDetails: sync.listImageAutoSyncReposDetails,
  createImageSyncRepo: sync.createImageSyncRepo,
  deleteImageSyncRepo: sync.deleteImageSyncRepo,
  createManualImageSyncRepo: sync.createManualImageSyncRepo,
  createTrigger: triggers.createTrigger,
  listTriggersDetails: triggers.listTriggersDetails,
  deleteTrigger: triggers.deleteTrigger,
  showTrigger: triggers.showTrigger,
  updateTrigger: triggers.updateTrigger,
  createRetention: retention.createRetention,
  listRetentions: retention.listRetentions,
  deleteRetention: retention.deleteRetention,
  showRetention: retention.showRetention,
  updateRetention: retention.updateRetention,
  listRetentionHistories: retention.listRetentionHistories,
} as const satisfies Record<string, OperationDefinition>;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type Operation<N extends OperationName = OperationName> = Operations[N];

export const operationNames = Object.keys(operations) as OperationName[];

/** Path parameters as a caller gives them (a repository with its real `/`). */
export type ParamsInput<N extends OperationName> = z.input<Operations[N]['params']>;
export type ParamsOutput<N extends OperationName> = z.output<Operations[N]['params']>;
/** Query as a caller gives it (numbers or strings); output is parsed (numbers, booleans). */
export type QueryInput<N extends OperationName> = z.input<Operations[N]['query']>;
export type QueryOutput<N extends OperationName> = z.output<Operations[N]['query']>;
export type BodyOf<N extends OperationName> = Operations[N] extends { body: z.ZodMiniType }
  ? z.output<Operations[N]['body']>
  : undefined;
export type ResponseOf<N extends OperationName> = Operations[N] extends { response: z.ZodMiniType }
  ? z.output<Operations[N]['response']>
  : undefined;

/** Operations that answer with a page and `Content-Range`. */
export type PagedOperationName = {
  [N in OperationName]: Operations[N] extends { page: object } ? N : never;
}[OperationName];

/** The item type of a paged operation. */
export type PageItemOf<N extends PagedOperationName> = Operations[N] extends {
  page: { items: 'key'; key: infer K extends string };
}
  ? ResponseOf<N> extends Record<K, readonly (infer I)[]>
    ? I
    : never
  : ResponseOf<N> extends readonly (infer I)[]
    ? I
    : never;
