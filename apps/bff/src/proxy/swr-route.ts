/**
 * `/api/swr/:region/<SWR path>`: the 44 operations of the contract, and nothing else. The one
 * place where every call is routed, validated, authorized, audited and sent, each step a function
 * of its own (route.ts, steps/):
 *
 *   route and validate (404, 400) → authorize every target (403) → a protected tag is not
 *   deleted (409) → the operation's own limit (429)
 *   → open the audit record (503: nothing sent) → send → map the answer → answer and finish
 *   → tell whoever follows changes (the fleet index) of one SWR accepted.
 *
 * A refusal before the send is audited and nothing is sent; an open record is finished on every
 * path.
 */
import type { RequestHandler } from 'express';
import { finisher } from '../audit/policies';
import { AppError } from '../http/errors';
import { refuseProtectedTag } from './protected-tags';
import { routeRequest } from './route';
import { accepted } from './steps/accept';
import { answered } from './steps/answer';
import { authorized } from './steps/authorize';
import { interrupted } from './steps/completion';
import type { ProxyDeps } from './steps/deps';
import { withinLimit } from './steps/limit';
import { openRecord } from './steps/open-record';
import { auditingRefusals } from './steps/refusals';
import { sent } from './steps/send';

export type { ProxyDeps } from './steps/deps';

export function swrProxy(deps: ProxyDeps): RequestHandler {
  const regions = new Map(deps.config.regions.map((region) => [region.id, region]));
  return async (req, res) => {
    const identity = req.identity;
    if (identity === undefined) throw new AppError('unauthenticated', 'Sign in first.');
    // Route and validate (404, 400), authorize every target (403), leave protected tags (409):
    // refusals audited.
    const { routed, targets } = await auditingRefusals(deps, req, async () => {
      const routed = routeRequest(req, regions);
      const targets = await authorized(deps.upstream, identity, routed);
      refuseProtectedTag(deps.config, routed);
      return { routed, targets };
    });
    await withinLimit(deps.limits, routed, req, res);
    const finish = finisher(deps, await openRecord(deps, req, identity, routed, targets));
    try {
      const response = await sent(deps, req, res, routed, finish);
      const body = accepted(routed, response, finish);
      await answered(req, res, routed, response, body, finish);
      if (routed.definition.method !== 'GET' && response.status < 300) deps.changed?.(routed);
    } catch (error) {
      // Whatever went wrong, a record opened for this call does not stay `pending`.
      finish(interrupted(error));
      throw error;
    }
  };
}
