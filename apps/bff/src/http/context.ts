/** What the BFF attaches to each request: its ids, its trace, and who is calling once known. */
import type { Identity } from '../auth/identity';
import type { TraceContext } from './trace';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own augmentation point
  namespace Express {
    interface Request {
      /** The BFF's own id for this request: in `X-Request-Id`, every error and audit record, and sent to SWR. */
      requestId: string;
      /** The id the client sent in `X-Request-Id` (well-formed, else none): recorded, never used. */
      clientRequestId?: string;
      /** The request's trace: a trusted proxy's `traceparent`, else its own (http/trace.ts). */
      trace: TraceContext;
      /** The contract's path of the BFF endpoint that answers, for the metrics' route label. */
      routeLabel?: string;
      /** The signed-in user, when there is one. */
      identity?: Identity;
    }
  }
}

export {};
