/**
 * Where an existing trigger deploys. Enabling, disabling or deleting a trigger names only the
 * trigger; for a user whose deploy targets are limited, the BFF reads the trigger from SWR
 * (a signed read of `showTrigger`) and authorizes its cluster and Kubernetes namespace as if
 * the request had named them. Users whose deploy targets are not limited need no such read.
 */
import {
  buildPath,
  deployOfTrigger,
  operations,
  type RequestTargets,
} from '@swr-dashboard/swr-client';
import type { Identity } from '../auth/identity';
import { deployLimits } from '../auth/authorize';
import { AppError } from '../http/errors';
import { failureOf, upstreamError } from './outcome';
import { parseJson } from './json';
import { Refusal, type Routed } from './route';
import { newRequestId, UpstreamFailure, type Upstream } from './upstream';

/** Why the trigger's target could not be read: the error for the browser, as a refusal. */
function unreadable(error: AppError, routed: Routed): Refusal {
  return new Refusal(
    error,
    'authz.denied',
    `the trigger's deploy target could not be read: ${error.code}${error.extra.upstream?.code === undefined ? '' : ` ${error.extra.upstream.code}`}`,
    routed,
  );
}

/** The request's targets, with a trigger in the path replaced by where it deploys (if needed). */
export async function resolveTargets(
  upstream: Upstream,
  routed: Routed,
  identity: Pick<Identity, 'scopes' | 'deployScopes'>,
): Promise<RequestTargets> {
  const { targets } = routed;
  const limits = deployLimits(identity);
  // Unlimited users need no read; users with no deploy target at all are refused without one.
  if (targets.deploy !== 'path-trigger' || limits === null || limits.length === 0) return targets;
  const definition = operations.showTrigger;
  let body: unknown;
  try {
    const response = await upstream.send({
      region: routed.region,
      method: definition.method,
      path: buildPath(definition.path, routed.params),
      query: [],
      body: undefined,
      retry: true,
      // The read is its own call at SWR: the change, if allowed, goes with the request's id.
      requestId: newRequestId(),
    });
    if (response.status !== definition.status) throw unreadable(upstreamError(response), routed);
    body = parseJson(response.body);
  } catch (error) {
    if (error instanceof UpstreamFailure) {
      throw unreadable(failureOf(error, false, routed.region.id).error, routed);
    }
    if (error instanceof Refusal) throw error;
    throw unreadable(
      new AppError('upstream_invalid_response', 'SWR answered with something unexpected.'),
      routed,
    );
  }
  const parsed = definition.response.safeParse(body);
  // The trigger SWR showed must be the one the path names, exactly (not one whose name differs
  // only in case, should SWR match names loosely).
  if (!parsed.success || parsed.data.name !== routed.params.trigger) {
    throw unreadable(
      new AppError('upstream_invalid_response', 'SWR answered with something unexpected.'),
      routed,
    );
  }
  const { deploy, targets: deployTargets } = deployOfTrigger(parsed.data);
  return { ...targets, deploy, targets: [...targets.targets, ...deployTargets] };
}
