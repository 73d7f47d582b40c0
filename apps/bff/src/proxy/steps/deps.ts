/** What the proxy's steps work with. */
import type { Logger } from 'pino';
import type { AuditTrail } from '../../audit/trail';
import type { BffConfig } from '../../config/schema';
import type { OperationLimits } from '../../security/rate-limits';
import type { Routed } from '../route';
import type { Upstream } from '../upstream';

export interface ProxyDeps {
  config: BffConfig;
  upstream: Upstream;
  audit: AuditTrail;
  logger: Logger;
  limits: OperationLimits;
  /** Told of each change SWR accepted (the fleet index re-reads what it changed). */
  changed?: (routed: Routed) => void;
}
