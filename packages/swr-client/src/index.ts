/**
 * @swr-dashboard/swr-client: the SWR contract and everything built directly on it.
 * No React, no Express: the emulator, the BFF and the web app all import from here.
 */
export * from './names';
export * from './contract/define';
export * from './contract/models';
export * from './contract/operations';
export * from './contract/paths';
export * from './contract/query';
export { REPOSITORY_ORDER_COLUMNS, TAG_ORDER_COLUMNS } from './contract/operations/repositories';
export {
  SHARE_DEADLINE_RULE,
  SHARED_ORDER_COLUMNS,
  shareDeadline,
  sharePermit,
} from './contract/operations/sharing';
export { MANUAL_SYNC_TAGS_MAX } from './contract/operations/sync';
export { conditionProblem, conditionTags } from './contract/operations/triggers';
export {
  retentionRuleInput,
  TAG_SELECTORS_MAX,
  type RetentionRuleInput,
} from './contract/operations/retention';
export * from './error-codes';
export * from './errors';
export * from './signing/signer';
export * from './transport';
export * from './bff-transport';
export * from './client';
export * from './bff-api';
export * from './domain/retention';
export * from './domain/triggers';
