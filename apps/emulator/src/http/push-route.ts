/**
 * `POST /emulator/push`: the emulator-only way to simulate a `docker push`. Signed like every
 * other call. The organization and repository must exist (nothing is created implicitly); the
 * push sets off triggers, sync and retention as a real one does.
 */
import { namespaceName, repositoryName, tagName } from '@swr-dashboard/swr-client';
import { z } from 'zod';
import type { ApiContext } from '../context';
import type { ApiResponse } from '../api/execute';
import { failureResponse } from '../api/execute';
import { SwrFailure } from '../api/failure';
import { findRepository } from '../api/records';
import { validationFailure } from '../api/validation';
import { pushTag } from '../effects/push';

export const PUSH_PATH = '/emulator/push';

/** Sizes default to a plausible image of 20–120 MB. */
const DEFAULT_SIZE = 48_234_496;

export const pushBody = z.strictObject({
  namespace: namespaceName,
  repository: repositoryName,
  tag: tagName,
  size: z
    .int()
    .min(0)
    .max(2 ** 40)
    .optional(),
  /** Backdates the push: it, and everything it sets off, happens at this time. */
  created: z.iso.datetime({ offset: false }).optional(),
});

export type PushBody = z.infer<typeof pushBody>;

/** Runs a push in one transaction. `ctx.now` is replaced by `created` when given. */
export function runPush(ctx: ApiContext, raw: unknown): ApiResponse {
  const parsed = pushBody.safeParse(raw);
  try {
    if (!parsed.success) throw validationFailure('push', 'body', parsed.error.issues, raw);
    const push = parsed.data;
    const at = push.created === undefined ? ctx.now : new Date(push.created);
    const pushCtx: ApiContext = { ...ctx, now: at };
    const result = ctx.store.transaction(() => {
      const repo = findRepository(pushCtx, push.namespace, push.repository);
      return pushTag(pushCtx, repo, { tag: push.tag, size: push.size ?? DEFAULT_SIZE });
    });
    return { status: 200, body: result, headers: {} };
  } catch (error) {
    if (error instanceof SwrFailure) return failureResponse(error);
    throw error;
  }
}
