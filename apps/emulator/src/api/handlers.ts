/** Every operation of the contract, mapped to its emulated implementation. */
import type { HandlerTable } from './handler';
import { organizationHandlers } from './organizations';
import { repositoryHandlers } from './repositories';
import { retentionHandlers } from './retention';
import { sharingHandlers } from './sharing';
import { syncHandlers } from './sync';
import { systemHandlers } from './system';
import { triggerHandlers } from './triggers';

export const handlers: HandlerTable = {
  ...organizationHandlers,
  ...repositoryHandlers,
  ...sharingHandlers,
  ...systemHandlers,
  ...syncHandlers,
  ...triggerHandlers,
  ...retentionHandlers,
};
