/**
 * `/api/me`: who is signed in, with which role and organizations, when the session ends, and for
 * each SWR operation whether the user may run it (and if not, why), so the UI can disable actions
 * with a reason instead of letting them fail.
 */
import { operationNames, type MeResponse, type Permission } from '@swr-dashboard/swr-client';
import type { RequestHandler } from 'express';
import { authorize, deployLimits } from '../auth/authorize';
import { sessionExpiries } from '../auth/session';
import type { BffConfig } from '../config/schema';
import { sendJson } from '../http/compression';
import { AppError } from '../http/errors';

export function meHandler(config: BffConfig): RequestHandler {
  return (req, res) => {
    const identity = req.identity;
    if (identity === undefined) throw new AppError('unauthenticated', 'Sign in first.');
    // Every operation of the contract, so the record is complete.
    const permissions = Object.fromEntries(
      operationNames.map((name): [string, Permission] => {
        const decision = authorize(identity, name);
        return [
          name,
          decision.allowed
            ? { allowed: true }
            : { allowed: false, reason: decision.reason, message: decision.message },
        ];
      }),
    ) as MeResponse['permissions'];
    const expiries = sessionExpiries(req, config);
    const body: MeResponse = {
      user: {
        name: identity.name,
        email: identity.email ?? null,
        role: identity.role,
        groups: identity.groups,
        authMode: identity.authMode,
      },
      namespaces: identity.scopes,
      deployTargets: deployLimits(identity),
      csrfHeader: 'X-CSRF',
      idleExpiresAt: expiries?.idle ?? null,
      absoluteExpiresAt: expiries?.absolute ?? null,
      regions: config.regions.map((region) => ({ id: region.id })),
      permissions,
    };
    return sendJson(req, res, 200, body);
  };
}
