/** The BFF, for tests and the console's launcher. */
export { createBff, type Bff, type BffOptions, BFF_VERSION } from './bff';
export { createApp, type AppDeps } from './app';
export { ConfigError, loadConfig, EMULATOR_DEFAULTS, DEMO_USERS } from './config/load';
export type { BffConfig, Role } from './config/schema';
export { addressOf, listen, shutdown } from './server';
