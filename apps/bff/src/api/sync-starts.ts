/**
 * `GET /api/sync-starts/:region?namespace=&repository=`: who started a repository's manual syncs
 * through the console. SWR names its own IAM user (the console's key) as the operator of every sync
 * job the console starts; the audit trail knows the person. The answer is what the web console
 * needs to name them next to each job: when each manual sync was sent, by whom, which tags, and
 * where to.
 *
 * Steps: read the query, find the region (404), authorize the organization as reading the
 * repository's sync jobs would be (403, audited), then read the trail.
 */
import {
  operations,
  SYNC_STARTS_DAYS,
  SYNC_STARTS_MAX,
  syncStartsEndpoint,
  type SyncStart,
} from '@swr-dashboard/swr-client';
import type { Request, Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { eventFor } from '../audit/from-request';
import { recordBestEffort } from '../audit/policies';
import type { AuditRecord, AuditTrail } from '../audit/trail';
import { authorize } from '../auth/authorize';
import type { BffConfig } from '../config/schema';
import { sendJson } from '../http/compression';
import { AppError } from '../http/errors';
import { auditedQuery } from './audit';
import { configuredRegion, signedIn } from './request';
import { serve } from '../http/endpoint';

export interface SyncStartsDeps {
  config: BffConfig;
  audit: AuditTrail;
  logger: Logger;
}

const ROUTE = syncStartsEndpoint.path;
const DAY_MS = 24 * 60 * 60 * 1000;

const query = syncStartsEndpoint.query;

/** A manual sync's request body, as the contract validated it before it was recorded. */
const syncBody = operations.createManualImageSyncRepo.body;
/** What the trail keeps of a body too large to keep whole. */
const truncatedBody = z.object({ truncated: z.literal(true) });

function knownRegion(deps: SyncStartsDeps, req: Request): string {
  const region = typeof req.params.region === 'string' ? req.params.region : '';
  return configuredRegion(deps.config, region).id;
}

/** Whoever may read the repository's sync jobs may see who started them; a refusal is audited. */
function authorizeRead(deps: SyncStartsDeps, req: Request, region: string, namespace: string) {
  const identity = signedIn(req);
  const decision = authorize(identity, 'showSyncJob', {
    targets: [{ kind: 'namespace', name: namespace, field: 'query.namespace', region }],
    deploy: null,
  });
  if (decision.allowed) return;
  recordBestEffort(
    deps,
    eventFor(req, 'authz.denied', 'denied', {
      route: ROUTE,
      reason: decision.message,
      httpStatus: 403,
    }),
  );
  throw new AppError('forbidden', decision.message, { reason: decision.reason });
}

/**
 * The earliest SWR can have dated the request's jobs, by SWR's clock: it received the request no
 * earlier than its answer's `Date` less the call's time, and the header (like a job's time) may
 * be cut to whole seconds.
 */
function jobsFrom(record: AuditRecord): { jobsFrom?: string } {
  const upstream = record.upstream;
  if (upstream?.date === undefined) return {};
  const from = Date.parse(upstream.date) - upstream.latencyMs - 1000;
  return { jobsFrom: new Date(from).toISOString() };
}

/** One start from its record; a record whose body says nothing usable is left out. */
function startOf(record: AuditRecord): SyncStart | undefined {
  const body: unknown = record.request.body;
  const parsed = syncBody.safeParse(body);
  const common = { at: record.ts, by: record.actor?.name ?? '', ...jobsFrom(record) };
  if (parsed.success) {
    const { imageTag, remoteRegionId, remoteNamespace } = parsed.data;
    return { ...common, tags: imageTag, remoteRegionId, remoteNamespace };
  }
  // Too large to keep whole: the target is in the record's targets, the tags are not known.
  if (!truncatedBody.safeParse(body).success) return undefined;
  const region = record.targets?.find((target) => target.field === 'body.remoteRegionId');
  const namespace = record.targets?.find((target) => target.field === 'body.remoteNamespace');
  if (region === undefined || namespace === undefined) return undefined;
  return { ...common, tags: null, remoteRegionId: region.name, remoteNamespace: namespace.name };
}

export function syncStartRoutes(router: Router, deps: SyncStartsDeps): void {
  serve(router, '/api', syncStartsEndpoint, async (req, res) => {
    const { namespace, repository } = auditedQuery(deps, req, ROUTE, query);
    const region = knownRegion(deps, req);
    authorizeRead(deps, req, region, namespace);
    const since = new Date(Date.now() - SYNC_STARTS_DAYS * DAY_MS).toISOString();
    const records = await deps.audit.manualSyncs(
      { region, namespace, repository, since },
      SYNC_STARTS_MAX,
    );
    const starts = records.flatMap((record) => startOf(record) ?? []);
    await sendJson(req, res, 200, { starts });
  });
}
