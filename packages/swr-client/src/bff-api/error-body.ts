/**
 * The body of every error the BFF answers, as a schema (for checks of the wire; the web app reads
 * errors through `SwrError`). Apart from the codes so that a page's bundle does not carry it.
 */
import { z } from '../zod';
import { BFF_ERROR_CODE_NAMES, type BffErrorCode } from './errors';

export const bffErrorBody = z.object({
  code: z.enum(BFF_ERROR_CODE_NAMES as [BffErrorCode, ...BffErrorCode[]]),
  message: z.string(),
  requestId: z.string(),
  /** What SWR answered, when the error is SWR's. */
  upstream: z.optional(
    z.object({
      status: z.number(),
      code: z.optional(z.string()),
      requestId: z.optional(z.string()),
    }),
  ),
  issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  /** Why, in a word the UI can branch on (`role`, `scope`, `batch-reserve`, ...). */
  reason: z.optional(z.string()),
});
export type BffErrorBody = z.infer<typeof bffErrorBody>;
