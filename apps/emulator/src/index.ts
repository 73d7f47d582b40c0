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
} from './config';
export { PUSH_PATH, type PushBody } from './http/push-route';
export type { PushResult } from './effects/push';
export { SeedSession } from './seed/session';
