/** What the BFF knows of its own health, for signed-in users (the About page). */
import { z } from '../zod';
import { bffEndpoint } from './define';

/**
 * `GET /api/readiness` (signed-in users; `/readyz` gives the same to the probe network): the
 * database and each region's last probe, with its circuit breaker. `detail` names the kind of
 * failure (`timeout`, `network`, `HTTP 503`, `circuit-open: not called`).
 */
export const readinessResponse = z.object({
  status: z.enum(['ok', 'failing']),
  database: z.enum(['ok', 'failing']),
  /** Where the BFF keeps its state: the embedded SQLite file, or PostgreSQL (`DATABASE_URL`). */
  databaseEngine: z.optional(z.enum(['sqlite', 'postgres'])),
  /** The Redis that holds the rate-limit counters, when `REDIS_URL` configures one. */
  redis: z.optional(z.enum(['ok', 'failing'])),
  regions: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['ok', 'failing']),
      latencyMs: z.number(),
      detail: z.optional(z.string()),
      checkedAt: z.string(),
      breaker: z.object({
        state: z.enum(['closed', 'open', 'half-open']),
        consecutiveFailures: z.number(),
        probeAt: z.nullable(z.string()),
      }),
    }),
  ),
});
export type ReadinessResponse = z.infer<typeof readinessResponse>;

/** The readiness report for signed-in users (the About page); always 200. */
export const readinessEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/readiness',
  answer: readinessResponse,
});

/** Liveness, for the orchestrator: the process answers. */
export const healthzEndpoint = bffEndpoint({
  method: 'GET',
  path: '/healthz',
  answer: z.object({ status: z.literal('ok') }),
});

/**
 * Readiness, for the orchestrator: 200 or 503, the whole report only for the probe network
 * (everyone else sees the status alone).
 */
export const readyzEndpoint = bffEndpoint({
  method: 'GET',
  path: '/readyz',
  answer: z.union([readinessResponse, z.object({ status: z.enum(['ok', 'failing']) })]),
});
