/**
 * @swr-dashboard/swr-client: the SWR contract and everything built directly on it. No React, no
 * Express. The browser's part is `./browser`; this entry adds what needs Node: the AK/SK signer
 * and verifier, and the signed transport (for the BFF and the emulator).
 */
export * from './browser';
export * from './signing/signer';
export * from './transport';
export * from './bff-api/all';
