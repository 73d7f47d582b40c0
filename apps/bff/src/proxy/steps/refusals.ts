/** The steps before anything is sent may refuse: a refusal is audited (unless it is a 404). */
import type { Request } from 'express';
import { recordBestEffort, type AuditWriter } from '../../audit/policies';
import { refusalRecord } from '../records';
import { Refusal } from '../route';

/** Runs `step`; a Refusal it throws is recorded (best effort) and its error thrown instead. */
export async function auditingRefusals<T>(
  writer: AuditWriter,
  req: Request,
  step: () => Promise<T> | T,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    if (error.event !== null) recordBestEffort(writer, refusalRecord(req, error));
    throw error.error;
  }
}
