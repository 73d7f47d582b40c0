/**
 * `GET /api/fleet?region=`: the fleet index (fleet/fleet-index.ts) as the signed-in user may see
 * it: every region's freshness, and the organizations and repositories their organization scopes
 * allow. One call for an account-wide view, and no SWR call: the index answers what its last
 * sweep saw.
 */
import { fleetEndpoint } from '@swr-dashboard/swr-client';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { AuditTrail } from '../audit/trail';
import type { BffConfig } from '../config/schema';
import type { FleetIndex } from '../fleet/fleet-index';
import { sendJson } from '../http/compression';
import { serve } from '../http/endpoint';
import { AppError } from '../http/errors';
import { auditedQuery } from './audit';

export interface FleetRouteDeps {
  config: BffConfig;
  audit: AuditTrail;
  logger: Logger;
  fleet: FleetIndex;
}

export function fleetRoutes(router: Router, deps: FleetRouteDeps): void {
  serve(router, '/api', fleetEndpoint, async (req, res) => {
    const identity = req.identity;
    if (identity === undefined) throw new AppError('unauthenticated', 'Sign in first.');
    const { region } = auditedQuery(deps, req, fleetEndpoint.path, fleetEndpoint.query);
    if (region !== undefined && !deps.config.regions.some((known) => known.id === region)) {
      throw new AppError('not_found', `No region ${region} is configured in this console.`);
    }
    await sendJson(req, res, 200, await deps.fleet.read(identity, region));
  });
}
