/** The audit trail as the BFF answers it: one record, the list, the people in it. */
import { TARGET_KINDS } from '../contract/targets';
import { z } from '../zod';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied', 'pending'] as const;

/** One thing a request named: an organization (in a region), a region, an account, a cluster... */
export const auditTarget = z.object({
  kind: z.enum(TARGET_KINDS),
  name: z.string(),
  /** Where the request named it: `params.namespace`, `body.remoteNamespace`, `trigger.cluster_id`. */
  field: z.string(),
  region: z.optional(z.string()),
});

/** One audit record (docs/security.md B10). */
export const auditRecord = z.object({
  v: z.literal(1),
  id: z.string(),
  ts: z.string(),
  event: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  actor: z.nullable(
    z.object({
      key: z.string(),
      iss: z.string(),
      sub: z.string(),
      name: z.string(),
      email: z.nullish(z.string()),
      role: z.string(),
      groups: z.array(z.string()),
      authMode: z.string(),
      /** A short hash of the session id, to tell sessions apart without revealing them. */
      sessionRef: z.nullish(z.string()),
    }),
  ),
  source: z.object({ ip: z.nullish(z.string()), userAgent: z.nullish(z.string()) }),
  request: z.object({
    /** The BFF's own id for the request (also sent to SWR). */
    id: z.string(),
    /** The id the client sent in `X-Request-Id`, if any: kept apart, never trusted. */
    clientId: z.optional(z.string()),
    method: z.string(),
    route: z.string(),
    params: z.record(z.string(), z.string()),
    query: z.record(z.string(), z.string()),
    body: z.unknown(),
  }),
  resource: z.nullable(
    z.object({
      type: z.string(),
      namespace: z.nullable(z.string()),
      name: z.nullable(z.string()),
      tag: z.nullable(z.string()),
    }),
  ),
  /** Everything the request named that authorization looked at (absent on older records). */
  targets: z.optional(z.array(auditTarget)),
  upstream: z.nullable(
    z.object({
      method: z.string(),
      path: z.string(),
      status: z.nullable(z.number()),
      code: z.nullable(z.string()),
      requestId: z.nullable(z.string()),
      latencyMs: z.number(),
      /** SWR's clock when it answered (its `Date` header, whole seconds), when it sent one. */
      date: z.optional(z.string()),
    }),
  ),
  httpStatus: z.nullable(z.number()),
  reason: z.nullable(z.string()),
  bff: z.object({ version: z.string(), instance: z.string(), region: z.nullable(z.string()) }),
  /**
   * Set on a record that stands for several refusals of one address (anonymous requests are
   * recorded once per address and minute): how many, first and last.
   */
  repeats: z.optional(z.object({ count: z.number(), first: z.string(), last: z.string() })),
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

/** `GET /api/audit/actors`: everyone in the trail, by identity key, with their latest name. */
export const auditActorsResponse = z.object({
  actors: z.array(z.object({ key: z.string(), name: z.string() })),
});
