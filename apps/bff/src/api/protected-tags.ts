/**
 * `GET /api/protected-tags?namespace=`: the patterns that protect an organization's tags
 * (proxy/protected-tags.ts), for the web console to mark those tags and warn before a retention
 * policy would delete one. Whoever may see the organization may read them; a refusal is audited.
 */
import { namespaceAllowed, protectedTagsEndpoint } from '@swr-dashboard/swr-client';
import type { Router } from 'express';
import type { Logger } from 'pino';
import { eventFor } from '../audit/from-request';
import { recordBestEffort } from '../audit/policies';
import type { AuditTrail } from '../audit/trail';
import type { BffConfig } from '../config/schema';
import { sendJson } from '../http/compression';
import { serve } from '../http/endpoint';
import { AppError } from '../http/errors';
import { protectedPatterns } from '../proxy/protected-tags';
import { auditedQuery } from './audit';
import { signedIn } from './request';

export interface ProtectedTagsDeps {
  config: BffConfig;
  audit: AuditTrail;
  logger: Logger;
}

const ROUTE = protectedTagsEndpoint.path;

export function protectedTagsRoutes(router: Router, deps: ProtectedTagsDeps): void {
  serve(router, '/api', protectedTagsEndpoint, async (req, res) => {
    const identity = signedIn(req);
    const { namespace } = auditedQuery(deps, req, ROUTE, protectedTagsEndpoint.query);
    if (!namespaceAllowed(identity.scopes, namespace)) {
      const message = `Your organization scopes do not include ${namespace}.`;
      recordBestEffort(
        deps,
        eventFor(req, 'authz.denied', 'denied', { route: ROUTE, reason: message, httpStatus: 403 }),
      );
      throw new AppError('forbidden', message, { reason: 'scope' });
    }
    await sendJson(req, res, 200, { patterns: protectedPatterns(deps.config, namespace) });
  });
}
