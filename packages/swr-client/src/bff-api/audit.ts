/** The audit trail as the BFF answers it: one record, the list, the people in it. */
import { TARGET_KINDS } from '../contract/targets';
import { z } from '../zod';
import { bffEndpoint } from './define';

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

/** `2026-12-07`, or a date-time with its offset: `2026-12-07T08:30Z`, `…T08:30:15.5+08:00`. */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))?$/;

/** Whether the text is such a date or date-time, on a day the calendar has. */
function isInstant(text: string): boolean {
  const [, year, month, day] = ISO_INSTANT.exec(text) ?? [];
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

/**
 * An ISO date or date-time (any offset), normalized to the trail's UTC `…sssZ` form. (Checked
 * by a pattern rather than zod's ISO formats, which would add their code to every page's bundle.)
 */
const instant = z.pipe(
  z
    .string()
    .check(z.refine(isInstant, { error: 'use an ISO 8601 date, or a date-time with its offset' })),
  z.transform((value: string) => new Date(value).toISOString()),
);

/** A whole number in the query string (or given as a number by a caller). */
const count = (min: number, max: number) =>
  z.pipe(
    z.union([
      z.pipe(
        z.string().check(z.regex(/^\d{1,9}$/, { error: 'use a whole number' })),
        z.transform(Number),
      ),
      z.int(),
    ]),
    z.int().check(z.minimum(min), z.maximum(max)),
  );

const filterFields = {
  /** The identity key (`iss|sub`, as `/api/audit/actors` lists them), never a display name. */
  user: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  action: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  namespace: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  outcome: z.optional(z.enum(AUDIT_OUTCOMES)),
  from: z.optional(instant),
  to: z.optional(instant),
};

const fromBeforeTo = z.refine<{ from?: string | undefined; to?: string | undefined }>(
  (query) => query.from === undefined || query.to === undefined || query.from < query.to,
  { error: '`from` must be before `to`', path: ['to'] },
);

/** The filters of the list and the export. */
export const auditFilterQuery = z.strictObject(filterFields).check(fromBeforeTo);
export type AuditFilters = z.input<typeof auditFilterQuery>;
export const AUDIT_FILTER_NAMES = Object.keys(filterFields) as (keyof typeof filterFields)[];

/** One page of the trail, newest first. */
export const auditListEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/audit',
  query: z
    .strictObject({
      ...filterFields,
      /** 50 when not given. */
      limit: z.optional(count(1, 500)),
      /** 0 when not given. */
      offset: z.optional(count(0, 999_999_999)),
    })
    .check(fromBeforeTo),
  answer: auditListResponse,
});

/** Everyone in the trail by identity key, sorted by name. */
export const auditActorsEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/audit/actors',
  answer: auditActorsResponse,
});

/** Every record the filters match, oldest first, as a CSV file (up to a cap). */
export const auditCsvEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/audit.csv',
  query: auditFilterQuery,
  answer: 'text',
  mediaType: 'text/csv',
});
