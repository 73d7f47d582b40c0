/**
 * Roles from SSO groups, and organization scopes. Groups match exactly (case-sensitive); the
 * highest matching role wins; no match means no access. A user in a group with namespace scopes
 * is limited to the organizations those patterns match (`*` is the only wildcard).
 */
import { ROLES, type BffConfig, type DeployScope, type Role } from '../config/schema';

export { namespaceAllowed } from '@swr-dashboard/swr-client';

type Rbac = BffConfig['rbac'];

export const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function roleFor(groups: readonly string[], rbac: Rbac): Role | undefined {
  for (const role of [...ROLES].reverse()) {
    if (rbac.roles[role].some((group) => groups.includes(group))) return role;
  }
  return undefined;
}

/** The union of the patterns of the user's scoped groups, or null when none is scoped. */
export function scopesFor(groups: readonly string[], rbac: Rbac): string[] | null {
  // Own keys only: a group named `constructor`, `toString` or `__proto__` (the IdP's or the
  // proxy's word) is not a scoped group, and must not reach Object.prototype.
  const scopedGroups = groups.filter((group) => Object.hasOwn(rbac.namespaceScopes, group));
  const patterns = scopedGroups.flatMap((group) => rbac.namespaceScopes[group] ?? []);
  return scopedGroups.length > 0 ? [...new Set(patterns)] : null;
}

/**
 * Where the user's triggers may deploy: the union of their groups' deploy scopes; none (an empty
 * list) for a user limited to some organizations whose groups have none; null when not limited.
 */
export function deployScopesFor(groups: readonly string[], rbac: Rbac): DeployScope[] | null {
  const listed = groups.filter((group) => Object.hasOwn(rbac.deployScopes, group));
  if (listed.length > 0) return listed.flatMap((group) => rbac.deployScopes[group] ?? []);
  return scopesFor(groups, rbac) === null ? null : [];
}

export function atLeast(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}
