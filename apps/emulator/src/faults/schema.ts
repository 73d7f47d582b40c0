/**
 * What a fault is: which requests it hits (a region, an operation of the contract or a route
 * pattern), how often (probability, count) and what it does (its kind). One zod schema serves
 * the start flags, the `/emulator/faults` endpoint and the programmatic API.
 */
import { operationNames, regionId } from '@swr-dashboard/swr-client';
import { z } from 'zod';

export const FAULT_KINDS = [
  'latency',
  'error',
  'reset-before',
  'reset-after',
  'truncated',
  'malformed',
  'trickle',
] as const;

export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const;

const METHODS = ['*', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** `METHOD /path/glob`: `*` is any method, or any text within one path segment; `**` spans `/`. */
const ROUTE = new RegExp(`^(?:${METHODS.map((m) => m.replace('*', '\\*')).join('|')}) /\\S*$`);

const MINUTE_MS = 60_000;

/** Which requests a fault hits, and how often. Neither `operation` nor `route`: every request. */
const selector = {
  /** Absent: every region (start flags), or the region whose port received it (endpoint). */
  region: z.optional(regionId),
  operation: z.enum(operationNames).optional(),
  route: z
    .string()
    .max(512)
    .regex(ROUTE, { error: 'A route looks like "GET /v2/manage/namespaces/*".' })
    .optional(),
  /** The chance a matching request is hit, 0 to 1. */
  probability: z.number().min(0).max(1).default(1),
  /** Hit the next N matching requests, then the fault clears itself. Absent: until cleared. */
  count: z.int().min(1).max(1_000_000).optional(),
};

const latency = z.strictObject({
  ...selector,
  kind: z.literal('latency'),
  /** Added before the request is handled, in milliseconds. */
  ms: z
    .int()
    .min(0)
    .max(10 * MINUTE_MS),
  /** A uniform extra delay of 0 to `jitterMs`. */
  jitterMs: z
    .int()
    .min(0)
    .max(10 * MINUTE_MS)
    .default(0),
});

const error = z.strictObject({
  ...selector,
  kind: z.literal('error'),
  status: z.literal(FAULT_STATUSES),
  /** `Retry-After` in seconds; a 429 sends 1 when not set. */
  retryAfter: z.int().min(0).max(86_400).optional(),
});

const trickle = z.strictObject({
  ...selector,
  kind: z.literal('trickle'),
  chunkBytes: z.int().min(1).max(65_536).default(16),
  intervalMs: z.int().min(0).max(MINUTE_MS).default(50),
});

const plain = (kind: 'reset-before' | 'reset-after' | 'truncated' | 'malformed') =>
  z.strictObject({ ...selector, kind: z.literal(kind) });

export const faultSchema = z
  .discriminatedUnion('kind', [
    latency,
    error,
    plain('reset-before'),
    plain('reset-after'),
    plain('truncated'),
    plain('malformed'),
    trickle,
  ])
  .refine((fault) => fault.operation === undefined || fault.route === undefined, {
    error: 'Give an operation or a route, not both.',
    path: ['route'],
  });

export const faultListSchema = z.array(faultSchema).max(1000);

/** A fault as given (defaults optional). */
export type FaultInput = z.input<typeof faultSchema>;
/** A fault with its defaults filled in. */
export type Fault = z.output<typeof faultSchema>;
export type FaultKind = Fault['kind'];

/** The first problem of a failed parse, as `path: message` under `root`, for people to read. */
export function describeIssue(error: z.ZodError, root?: string): string {
  const issue = error.issues[0];
  const path = [...(root === undefined ? [] : [root]), ...(issue?.path ?? []).map(String)].join(
    '.',
  );
  const message = issue?.message ?? 'invalid';
  return path === '' ? message : `${path}: ${message}`;
}
