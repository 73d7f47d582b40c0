/**
 * `GET /api/fleet?region=`: the fleet index (fleet/fleet-index.ts) as the signed-in user may see
 * it: every region's freshness, and the organizations and repositories their organization scopes
 * allow. One call for an account-wide view, and no SWR call: the index answers what its last
 * sweep saw. `/api/fleet/usage` answers its daily totals, `/api/fleet/search` its names.
 */
import { fleetEndpoint, fleetSearchEndpoint, fleetUsageEndpoint } from '@swr-dashboard/swr-client';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { AuditTrail } from '../audit/trail';
import type { BffConfig } from '../config/schema';
import type { FleetIndex } from '../fleet/fleet-index';
import { sendJson } from '../http/compression';
import { serve } from '../http/endpoint';
import { auditedQuery } from './audit';
import { configuredRegion, signedIn } from './request';

export interface FleetRouteDeps {
  config: BffConfig;
  audit: AuditTrail;
  logger: Logger;
  fleet: FleetIndex;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many of each kind a search answers when the caller does not say. */
const SEARCH_LIMIT = 10;

export function fleetRoutes(router: Router, deps: FleetRouteDeps): void {
  serve(router, '/api', fleetEndpoint, async (req, res) => {
    const identity = signedIn(req);
    const { region } = auditedQuery(deps, req, fleetEndpoint.path, fleetEndpoint.query);
    if (region !== undefined) configuredRegion(deps.config, region);
    await sendJson(req, res, 200, await deps.fleet.read(identity, region));
  });
  serve(router, '/api', fleetUsageEndpoint, async (req, res) => {
    const identity = signedIn(req);
    const query = auditedQuery(deps, req, fleetUsageEndpoint.path, fleetUsageEndpoint.query);
    if (query.region !== undefined) configuredRegion(deps.config, query.region);
    // Today and the days before it: `days` days in all.
    const from = new Date(Date.now() - ((query.days ?? 30) - 1) * DAY_MS)
      .toISOString()
      .slice(0, 10);
    await sendJson(req, res, 200, await deps.fleet.usage(identity, from, query.region));
  });
  serve(router, '/api', fleetSearchEndpoint, async (req, res) => {
    const identity = signedIn(req);
    const query = auditedQuery(deps, req, fleetSearchEndpoint.path, fleetSearchEndpoint.query);
    if (query.region !== undefined) configuredRegion(deps.config, query.region);
    const options = { inView: query.region, limit: query.limit ?? SEARCH_LIMIT };
    await sendJson(req, res, 200, await deps.fleet.search(identity, query.q, options));
  });
}
