/**
 * The BFF's own endpoints beside the SWR proxy: who is signed in, the regions, the audit log, the
 * sessions, demo sign-in. Their shapes live here, once, for the BFF that builds them and the web
 * app that reads them.
 */
import { z } from 'zod';
import type { Capability } from './contract/define';
import { operationNames } from './contract/operations';

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
    email: z.string().nullable(),
    role: roleName,
    groups: z.array(z.string()),
    authMode: authModeName,
  }),
  /** Organization patterns the user is limited to; null when not limited. */
  namespaces: z.array(z.string()).nullable(),
  csrfHeader: z.string(),
  idleExpiresAt: z.string().nullable(),
  absoluteExpiresAt: z.string().nullable(),
  regions: z.array(z.object({ id: z.string() })),
  permissions: z.record(z.enum(operationNames), permission),
});
export type MeResponse = z.infer<typeof meResponse>;

/** `GET /api/regions` */
export const regionsResponse = z.object({ regions: z.array(z.object({ id: z.string() })) });

/** `GET /auth/demo/users` */
export const demoUsersResponse = z.object({
  users: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: roleName.nullable(),
      namespaces: z.array(z.string()).nullable(),
    }),
  ),
});
export type DemoUser = z.infer<typeof demoUsersResponse>['users'][number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied', 'pending'] as const;

/** One audit record (bff-security.md B10). */
export const auditRecord = z.object({
  v: z.literal(1),
  id: z.string(),
  ts: z.string(),
  event: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  actor: z
    .object({
      key: z.string(),
      iss: z.string(),
      sub: z.string(),
      name: z.string(),
      email: z.string().nullish(),
      role: z.string(),
      groups: z.array(z.string()),
      authMode: z.string(),
      /** A short hash of the session id, to tell sessions apart without revealing them. */
      sessionRef: z.string().nullish(),
    })
    .nullable(),
  source: z.object({ ip: z.string().nullish(), userAgent: z.string().nullish() }),
  request: z.object({
    id: z.string(),
    method: z.string(),
    route: z.string(),
    params: z.record(z.string(), z.string()),
    query: z.record(z.string(), z.string()),
    body: z.unknown(),
  }),
  resource: z
    .object({
      type: z.string(),
      namespace: z.string().nullable(),
      name: z.string().nullable(),
      tag: z.string().nullable(),
    })
    .nullable(),
  upstream: z
    .object({
      method: z.string(),
      path: z.string(),
      status: z.number().nullable(),
      code: z.string().nullable(),
      requestId: z.string().nullable(),
      latencyMs: z.number(),
    })
    .nullable(),
  httpStatus: z.number().nullable(),
  reason: z.string().nullable(),
  bff: z.object({ version: z.string(), instance: z.string(), region: z.string().nullable() }),
});
export type AuditRecordShape = z.infer<typeof auditRecord>;

/** `GET /api/audit` */
export const auditListResponse = z.object({
  items: z.array(auditRecord),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
});
export type AuditListResponse = z.infer<typeof auditListResponse>;

/** `GET /api/sessions` */
export const sessionsResponse = z.object({
  users: z.array(
    z.object({
      /** The identity key (`iss|sub`): what `DELETE /api/sessions?user=` takes. */
      key: z.string(),
      name: z.string(),
      role: z.string(),
      /** How many live sessions the user has (browsers, devices). */
      sessions: z.number(),
      /** The latest request of any of them. */
      lastSeen: z.string().nullable(),
    }),
  ),
});
export type SignedInUser = z.infer<typeof sessionsResponse>['users'][number];
