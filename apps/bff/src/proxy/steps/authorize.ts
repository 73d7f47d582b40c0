/** The authorize step: every target the request names, then where its trigger deploys. */
import type { RequestTargets } from '@swr-dashboard/swr-client';
import { authorize } from '../../auth/authorize';
import type { Identity } from '../../auth/identity';
import { AppError } from '../../http/errors';
import { resolveTargets } from '../deploy-target';
import { Refusal, type Routed } from '../route';
import type { Upstream } from '../upstream';

/** Refuses the request unless the user may run it on these targets. */
function allow(identity: Identity, routed: Routed, targets: RequestTargets): void {
  const decision = authorize(identity, routed.name, targets);
  if (decision.allowed) return;
  throw new Refusal(
    new AppError('forbidden', decision.message, { reason: decision.reason }),
    'authz.denied',
    decision.message,
    { ...routed, targets },
  );
}

/**
 * Authorizes the user for every target the request names; then, only if that passed, for where
 * the trigger in its path deploys (read from SWR when the user's deploy targets are limited).
 * Throws a Refusal (403) otherwise.
 */
export async function authorized(
  upstream: Upstream,
  identity: Identity,
  routed: Routed,
): Promise<RequestTargets> {
  allow(identity, routed, routed.targets);
  const targets = await resolveTargets(upstream, routed, identity);
  if (targets !== routed.targets) allow(identity, routed, targets);
  return targets;
}
