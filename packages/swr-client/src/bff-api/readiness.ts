/** What the BFF knows of its own health, for signed-in users (the About page). */
import { z } from '../zod';

/**
 * `GET /api/readiness` (signed-in users; `/readyz` gives the same to the probe network): the
 * database and each region's last probe, with its circuit breaker. `detail` names the kind of
 * failure (`timeout`, `network`, `HTTP 503`, `circuit-open: not called`).
 */
export const readinessResponse = z.object({
  status: z.enum(['ok', 'failing']),
  database: z.enum(['ok', 'failing']),
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
