/** The embedded SWR emulator, for tests, benchmarks and the console's launcher. */
export {
  startEmulator,
  type RunningEmulator,
  type RunningRegion,
  type StartOptions,
} from './emulator';
export {
  DEMO_CREDENTIALS,
  PARTNER_CREDENTIALS,
  defaultConfig,
  defaultRegions,
  projectIdOf,
  stableId,
  type EmulatorConfig,
  type EmulatorConfigInput,
} from './config';
export { FaultInputError, type FaultControl } from './faults/registry';
export { FAULTS_PATH } from './faults/route';
export { MALFORMED_BODY } from './faults/inject';
export {
  FAULT_KINDS,
  FAULT_STATUSES,
  faultSchema,
  type Fault,
  type FaultInput,
  type FaultKind,
} from './faults/schema';
export { PUSH_PATH, type PushBody } from './http/push-route';
export type { PushResult } from './effects/push';
export { SeedSession } from './seed/session';
export {
  longTermPassword,
  registryInstalled,
  REGISTRY_PROGRAM,
  startDistribution,
  type RunningRegistry,
} from './registry';
