/**
 * The BFF's own endpoints beside the SWR proxy: who is signed in, the regions, the audit log, the
 * sessions, demo sign-in, the directory, who started a sync. Their shapes live here, once, for
 * the BFF that builds them and the web app that reads them. One module per area, so that a
 * browser bundle carries only the areas a page uses (the package has no side effects).
 */
export * from './bff-api/define';
export * from './bff-api/errors';
export * from './bff-api/error-body';
export * from './bff-api/session';
export * from './bff-api/sign-in';
export * from './bff-api/audit';
export * from './bff-api/readiness';
export * from './bff-api/observability';
export * from './bff-api/sessions';
export * from './bff-api/fleet';
export * from './bff-api/fleet-usage';
export * from './bff-api/fleet-search';
export * from './bff-api/protected-tags';
export * from './bff-api/image';
export * from './bff-api/job-kinds';
export * from './bff-api/jobs';
export * from './bff-api/directory';
export * from './bff-api/sync-starts';
