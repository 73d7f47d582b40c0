/**
 * Who is signed in (`/api/me`), with their role, scopes and what they may do; the regions; the
 * sign-out. Needed by every page of the web console (signing in is `./sign-in`).
 */
import type { Capability } from '../contract/define';
import { operationNames } from '../contract/operations';
import { z } from '../zod';
import { bffEndpoint } from './define';

export const ROLE_NAMES = ['viewer', 'operator', 'admin'] as const;
export const roleName = z.enum(ROLE_NAMES);
export type RoleName = z.infer<typeof roleName>;

/** The least role that may use a capability: viewers read, operators write, admins administer. */
export const CAPABILITY_ROLES: Record<Capability, RoleName> = {
  read: 'viewer',
  write: 'operator',
  credential: 'operator',
  admin: 'admin',
};

export const AUTH_MODES = ['oidc', 'header', 'demo'] as const;
export const authModeName = z.enum(AUTH_MODES);

/** Whether the user may run an operation, and if not, why (for a disabled button's hint). */
export const permission = z.union([
  z.object({ allowed: z.literal(true) }),
  z.object({ allowed: z.literal(false), reason: z.enum(['role', 'scope']), message: z.string() }),
]);
export type Permission = z.infer<typeof permission>;

/** `GET /api/me` */
export const meResponse = z.object({
  user: z.object({
    name: z.string(),
    email: z.nullable(z.string()),
    role: roleName,
    groups: z.array(z.string()),
    authMode: authModeName,
  }),
  /** Organization patterns the user is limited to; null when not limited. */
  namespaces: z.nullable(z.array(z.string())),
  /**
   * Where the user's triggers may deploy: a cluster id (`cci` for CCI, `*` for any) with
   * Kubernetes namespace patterns; null when not limited, empty when limited to nowhere.
   */
  deployTargets: z.nullable(
    z.array(z.object({ cluster: z.string(), namespaces: z.array(z.string()) })),
  ),
  csrfHeader: z.string(),
  idleExpiresAt: z.nullable(z.string()),
  absoluteExpiresAt: z.nullable(z.string()),
  regions: z.array(z.object({ id: z.string() })),
  permissions: z.record(z.enum(operationNames), permission),
});
export type MeResponse = z.infer<typeof meResponse>;
/** Where a limited user's triggers may deploy: a cluster (`*`, `cci`) and namespace patterns. */
export type DeployScope = NonNullable<MeResponse['deployTargets']>[number];

export const meEndpoint = bffEndpoint({ method: 'GET', path: '/api/me', answer: meResponse });

/** `GET /api/regions` */
export const regionsResponse = z.object({ regions: z.array(z.object({ id: z.string() })) });
export const regionsEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/regions',
  answer: regionsResponse,
});

/** Ends the session; `logoutUrl` is the identity provider's, when it has one to visit. */
export const signOutEndpoint = bffEndpoint({
  method: 'POST',
  path: '/auth/logout',
  answer: z.object({ logoutUrl: z.nullable(z.string()) }),
});
