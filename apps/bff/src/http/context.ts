/** What the BFF attaches to each request: its id, and who is calling once known. */
import type { Identity } from '../auth/identity';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own augmentation point
  namespace Express {
    interface Request {
      /** This request's id, echoed in `X-Request-Id` and in every error and audit record. */
      requestId: string;
      /** The signed-in user, when there is one. */
      identity?: Identity;
    }
  }
}

export {};
