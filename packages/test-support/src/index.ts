/** Real parts for the BFF's integration tests and the end-to-end suite. */
export * from './oidc-provider';
export * from './console-key';
export * from './idp-agent';
export * from './redis';
export * from './haproxy';
/** How a BFF is pointed at an emulator (one mapping for every stack). */
export {
  bffEnvFor,
  type BffEnvOptions,
  type EmulatorEndpoints,
} from '@swr-dashboard/emulator-fixtures';
export * from './postgres';
export * from './oci-image';
