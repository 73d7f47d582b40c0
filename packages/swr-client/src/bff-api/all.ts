/**
 * Every endpoint of the BFF's own API, by name: for the BFF's test that each is served and for
 * tools. Not in the browser entry (a page imports only the endpoints it calls).
 */
import { auditActorsEndpoint, auditCsvEndpoint, auditListEndpoint } from './audit';
import {
  clustersEndpoint,
  iamUsersEndpoint,
  namespacesEndpoint,
  workloadsEndpoint,
} from './directory';
import { healthzEndpoint, readinessEndpoint, readyzEndpoint } from './readiness';
import { metricsEndpoint } from './observability';
import { meEndpoint, regionsEndpoint, signOutEndpoint } from './session';
import {
  demoSignInEndpoint,
  demoUsersEndpoint,
  signInCallbackEndpoint,
  signInEndpoint,
} from './sign-in';
import { endSessionsEndpoint, sessionsEndpoint } from './sessions';
import { syncStartsEndpoint } from './sync-starts';
import { fleetEndpoint } from './fleet';
import { fleetUsageEndpoint } from './fleet-usage';
import { fleetSearchEndpoint } from './fleet-search';
import { protectedTagsEndpoint } from './protected-tags';
import { imageEndpoint } from './image';
import {
  cancelJobEndpoint,
  createJobEndpoint,
  jobEndpoint,
  jobItemsEndpoint,
  jobPreviewEndpoint,
  jobsEndpoint,
  resumeJobEndpoint,
  retryJobEndpoint,
} from './jobs';
import type { BffEndpoint } from './define';

export const BFF_ENDPOINTS = {
  healthz: healthzEndpoint,
  readyz: readyzEndpoint,
  metrics: metricsEndpoint,
  me: meEndpoint,
  regions: regionsEndpoint,
  readiness: readinessEndpoint,
  auditList: auditListEndpoint,
  auditActors: auditActorsEndpoint,
  auditCsv: auditCsvEndpoint,
  sessions: sessionsEndpoint,
  endSessions: endSessionsEndpoint,
  iamUsers: iamUsersEndpoint,
  clusters: clustersEndpoint,
  namespaces: namespacesEndpoint,
  workloads: workloadsEndpoint,
  syncStarts: syncStartsEndpoint,
  fleet: fleetEndpoint,
  fleetUsage: fleetUsageEndpoint,
  fleetSearch: fleetSearchEndpoint,
  protectedTags: protectedTagsEndpoint,
  image: imageEndpoint,
  jobPreview: jobPreviewEndpoint,
  createJob: createJobEndpoint,
  jobs: jobsEndpoint,
  job: jobEndpoint,
  cancelJob: cancelJobEndpoint,
  jobItems: jobItemsEndpoint,
  retryJob: retryJobEndpoint,
  resumeJob: resumeJobEndpoint,
  demoUsers: demoUsersEndpoint,
  demoSignIn: demoSignInEndpoint,
  signIn: signInEndpoint,
  signInCallback: signInCallbackEndpoint,
  signOut: signOutEndpoint,
} as const satisfies Record<string, BffEndpoint>;
export type BffEndpointName = keyof typeof BFF_ENDPOINTS;
