/** What the BFF tells its operators' monitoring, beside the probes. */
import { bffEndpoint } from './define';

/**
 * `GET /metrics`: the BFF's metrics in Prometheus's text format (docs/observability.md lists
 * them). Only for the metrics network (`METRICS_CIDRS`) or with `METRICS_TOKEN` as a bearer
 * token; anyone else gets 404, as if there were no such route.
 */
export const metricsEndpoint = bffEndpoint({
  method: 'GET',
  path: '/metrics',
  answer: 'text',
  mediaType: 'text/plain',
});
