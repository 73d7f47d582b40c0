/**
 * The one place that decides whether a user may run an SWR operation: the operation's capability
 * against the user's role, then every target the request names (its declaration in the contract)
 * against the user's scopes: each organization, wherever the request names it (path, query or
 * body, this region or another), and where a trigger deploys. `/api/me` asks the same question
 * without a request, so the UI can disable an action and say why. docs/authorization.md has the
 * rules in prose.
 */
import type {
  Capability,
  DeployTarget,
  OperationName,
  OperationTargets,
  RequestTargets,
} from '@swr-dashboard/swr-client';
import { CAPABILITY_ROLES, deployAllowed, operations } from '@swr-dashboard/swr-client';
import type { DeployScope, Role } from '../config/schema';
import type { Identity } from './identity';
import { atLeast, namespaceAllowed } from './roles';

export const MIN_ROLE: Record<Capability, Role> = CAPABILITY_ROLES;

export type Decision =
  { allowed: true } | { allowed: false; reason: 'role' | 'scope'; message: string };

type Who = Pick<Identity, 'role' | 'scopes' | 'deployScopes'>;

/**
 * Where the user's triggers may deploy; null when not limited. A session from before deploy
 * scopes existed has none recorded: limited users then have none, others stay unlimited.
 */
export function deployLimits(
  identity: Pick<Identity, 'scopes' | 'deployScopes'>,
): DeployScope[] | null {
  return identity.deployScopes ?? (identity.scopes === null ? null : []);
}

function describeDeploy(target: DeployTarget): string {
  const where = target.cluster === null ? 'CCI' : `cluster ${target.cluster}`;
  return `${where}, Kubernetes namespace ${target.namespace}`;
}

const refuse = (reason: 'role' | 'scope', message: string): Decision => ({
  allowed: false,
  reason,
  message,
});

/**
 * Whether the user may run `name`; with `request`, on the targets it names. A deploy target the
 * request leaves to the trigger in its path (`path-trigger`) is not checked here: for a user
 * whose deploy targets are limited, the caller reads it from SWR and asks again.
 */
export function authorize(
  identity: Who,
  name: OperationName,
  request?: Pick<RequestTargets, 'targets' | 'deploy'>,
): Decision {
  const { capability } = operations[name];
  const declared: OperationTargets = operations[name].targets;
  const needed = MIN_ROLE[capability];
  if (!atLeast(identity.role, needed)) {
    return refuse('role', `${name} needs the ${needed} role; you are ${identity.role}`);
  }
  const scopes = identity.scopes;
  const deploy = deployLimits(identity);
  if (declared.wholeAccount === true && (scopes !== null || deploy !== null)) {
    // A login can push to every repository, and a push sets off that repository's triggers.
    return refuse(
      'scope',
      scopes !== null
        ? 'A docker login command opens every organization of the account; your access is limited to some.'
        : 'A docker login command can push to every repository, setting off triggers that deploy anywhere; your deploy targets are limited.',
    );
  }
  if (deploy !== null && deploy.length === 0 && declared.deploy !== undefined) {
    return refuse(
      'scope',
      'Triggers deploy to clusters, and no deploy targets are configured for your groups (DEPLOY_SCOPES); ask an admin.',
    );
  }
  if (request === undefined) return { allowed: true };
  for (const target of request.targets) {
    if (target.kind === 'namespace' && !namespaceAllowed(scopes, target.name)) {
      return refuse(
        'scope',
        `Your access is limited to organizations matching ${(scopes ?? []).join(', ')}; ${target.field} names ${target.name}.`,
      );
    }
  }
  // A trigger in the path has its deploy target in SWR, not in the request: the proxy reads it
  // once everything else here allowed the call, and asks again with it.
  if (deploy !== null && request.deploy !== null && request.deploy !== 'path-trigger') {
    if (!deployAllowed(deploy, request.deploy)) {
      return refuse(
        'scope',
        `Your triggers may deploy only to ${deploy.map((scope) => `${scope.cluster === '*' ? 'any cluster' : scope.cluster} (${scope.namespaces.join(', ')})`).join('; ')}; this one deploys to ${describeDeploy(request.deploy)}.`,
      );
    }
  }
  return { allowed: true };
}
