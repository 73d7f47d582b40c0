/**
 * The browser's entry: everything the web app needs (the contract, the typed client, the BFF
 * transport, errors, the BFF API's schemas, domain rules) and nothing that needs Node (the AK/SK
 * signer and the signed transport stay in the main entry, for the BFF and the emulator).
 */
export * from './names';
export * from './contract/define';
export * from './contract/models';
export * from './contract/operations';
export * from './contract/paths';
export * from './contract/query';
export * from './contract/targets';
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
export type { Transport, TransportRequest, TransportResponse } from './transport';
export * from './bff-transport';
export * from './client';
export * from './bff-api';
export * from './domain/retention';
export * from './domain/scopes';
export * from './domain/triggers';
