/**
 * What happens when the audit trail cannot be written: one helper per policy, so every write
 * says which one it follows instead of wrapping `record`, `open` or `finalize` in its own
 * try/catch (docs/security.md, B10, "When a write fails").
 *
 * - `openBeforeActing`: a change's record is written `pending` before the change is made; if it
 *   cannot be, nothing is done (503 `audit_unavailable`, with the caller's sentence).
 * - `recordOrUndo`: something already done (a sign-in) stands only once its record is written;
 *   if it cannot be, it is undone and the failure goes on (503).
 * - `recordBestEffort`: a record of what happens either way (a refusal, a sign-out, a session
 *   that ran out): a failed write is logged and the request goes on as it would have.
 * - `finisher`: a `pending` record is finished once with the outcome; a failed write is logged,
 *   never thrown (the answer is decided by then, and the record stays `pending`: unknown).
 */
import type { Logger } from 'pino';
import { AppError } from '../http/errors';
import {
  AuditUnavailableError,
  type AuditCompletion,
  type AuditInput,
  type AuditRecord,
  type AuditTrail,
} from './trail';

/** The trail, and where a write that failed is told. */
export interface AuditWriter {
  readonly audit: AuditTrail;
  readonly logger: Logger;
}

/**
 * Finishes a call's record with its outcome; later calls do nothing. Never throws, and does not
 * wait for the write (the answer is decided by then; the trail's `settled()` waits for it).
 */
export type Finish = (completion: AuditCompletion) => void;

/**
 * Opens the record of a change about to be made. When the trail cannot take it, throws the 503
 * `audit_unavailable` with `notDone` (which says what was not done): then do nothing.
 */
export async function openBeforeActing(
  { audit, logger }: AuditWriter,
  input: Omit<AuditInput, 'outcome'>,
  notDone: string,
): Promise<AuditRecord> {
  try {
    return await audit.open(input);
  } catch (error) {
    if (!(error instanceof AuditUnavailableError)) throw error;
    logger.error({ err: error, requestId: input.request.id }, `audit unavailable: ${notDone}`);
    throw new AppError('audit_unavailable', notDone);
  }
}

/**
 * Records something already done that must not stand untraced. When the trail cannot take it,
 * `undo` runs and the failure is thrown on (the error handler answers 503 `audit_unavailable`).
 */
export async function recordOrUndo(
  { audit }: AuditWriter,
  input: AuditInput,
  undo: () => Promise<void>,
): Promise<AuditRecord> {
  try {
    return await audit.record(input);
  } catch (error) {
    await undo();
    throw error;
  }
}

/**
 * Records what happens whether or not it is recorded; a failed write is only logged. The request
 * does not wait for the write (on SQLite it is done before this returns; the trail's `settled()`
 * waits for the others).
 */
export function recordBestEffort({ audit, logger }: AuditWriter, input: AuditInput): void {
  audit.record(input).catch((error: unknown) => {
    // A failing audit store also shows in /readyz; the request goes on as it would have.
    logger.error(
      { err: error, requestId: input.request.id, event: input.event },
      'could not write an audit record',
    );
  });
}

/** The finish of a record opened for a call (none: a call that is not recorded). */
export function finisher({ audit, logger }: AuditWriter, pending: AuditRecord | undefined): Finish {
  let done = pending === undefined;
  return (completion) => {
    if (done || pending === undefined) return;
    done = true;
    audit.finalize(pending, completion).catch((error: unknown) => {
      logger.error(
        { err: error, requestId: pending.request.id, auditId: pending.id },
        'could not finalize an audit record',
      );
    });
  };
}
