/**
 * The one place that decides whether a user may run an SWR operation: the operation's capability
 * against the user's role, then the organization against the user's scopes. `/api/me` asks the
 * same question for every operation, so the UI can disable an action and say why.
 */
import type { Capability, OperationName } from '@swr-dashboard/swr-client';
import { CAPABILITY_ROLES, operations } from '@swr-dashboard/swr-client';
import type { Role } from '../config/schema';
import type { Identity } from './identity';
import { atLeast, namespaceAllowed } from './roles';

export const MIN_ROLE: Record<Capability, Role> = CAPABILITY_ROLES;

export type Decision =
  { allowed: true } | { allowed: false; reason: 'role' | 'scope'; message: string };

export function authorize(
  identity: Pick<Identity, 'role' | 'scopes'>,
  name: OperationName,
  namespace: string | undefined,
): Decision {
  const { capability } = operations[name];
  const needed = MIN_ROLE[capability];
  if (!atLeast(identity.role, needed)) {
    return {
      allowed: false,
      reason: 'role',
      message: `${name} needs the ${needed} role; you are ${identity.role}`,
    };
  }
  if (identity.scopes !== null) {
    if (capability === 'credential') {
      return {
        allowed: false,
        reason: 'scope',
        message:
          'a docker login command opens every organization of the account; your access is limited to some',
      };
    }
    if (namespace !== undefined && !namespaceAllowed(identity.scopes, namespace)) {
      return {
        allowed: false,
        reason: 'scope',
        message: `your access is limited to organizations matching ${identity.scopes.join(', ')}`,
      };
    }
  }
  return { allowed: true };
}
