/** Real parts for the BFF's integration tests and the end-to-end suite. */
export * from './oidc-provider';
export * from './console-key';
export * from './idp-agent';
