/**
 * Answers one request under a fault plan: waits out the latency, then answers with an error
 * without running the operation, resets the connection before or after running it, or runs it
 * and sends its answer cut, malformed or trickling.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiResponse } from '../api/execute';
import { JSON_TYPE, sendWire, writeHead, type WireAnswer } from '../http/response';
import type { FaultPlan } from './registry';
import type { Fault } from './schema';

type ErrorFault = Extract<Fault, { kind: 'error' }>;

/** Emulator-only codes in SWR's error shape; SWR's own catalogue has only 500s (5000xxx). */
const FAULT_ERRORS: Record<ErrorFault['status'], { code: string; message: string }> = {
  429: { code: 'SVCSTG.SWR.4290000', message: 'Too many requests' },
  500: { code: 'SVCSTG.SWR.5000001', message: 'Internal error' },
  502: { code: 'SVCSTG.SWR.5020000', message: 'Bad gateway' },
  503: { code: 'SVCSTG.SWR.5030000', message: 'Service unavailable' },
  504: { code: 'SVCSTG.SWR.5040000', message: 'Gateway timeout' },
};

/** What a `malformed` fault sends with status 200 and a JSON content type. */
export const MALFORMED_BODY = '<html><body>502 Bad Gateway</body></html>{"items":[';

export interface FaultIo {
  req: IncomingMessage;
  res: ServerResponse;
  /** Handles the request as usual: verifies it and runs the operation. */
  answer: () => Promise<ApiResponse>;
  /** The wire form of an answer (with `X-Request-Id`). */
  wire: (response: ApiResponse) => WireAnswer;
}

export function errorResponse(fault: ErrorFault): ApiResponse {
  const error = FAULT_ERRORS[fault.status];
  const retryAfter = fault.retryAfter ?? (fault.status === 429 ? 1 : undefined);
  return {
    status: fault.status,
    body: { errorCode: error.code, errorMessage: `${error.message} (injected fault)`, detail: '' },
    headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
  };
}

/** Sends the first half of the body, then closes the connection: `Content-Length` promised all. */
function truncate(res: ServerResponse, answer: WireAnswer): void {
  const full =
    answer.body.length > 0
      ? answer
      : {
          status: answer.status === 204 ? 200 : answer.status,
          headers: { ...answer.headers, 'Content-Type': JSON_TYPE },
          body: Buffer.from('{}'),
        };
  writeHead(res, full);
  res.write(full.body.subarray(0, Math.floor(full.body.length / 2)), () => {
    res.socket?.destroy();
  });
}

async function trickle(
  res: ServerResponse,
  answer: WireAnswer,
  chunkBytes: number,
  intervalMs: number,
): Promise<void> {
  writeHead(res, answer);
  for (let offset = 0; offset < answer.body.length; offset += chunkBytes) {
    if (res.destroyed) return;
    if (offset > 0) await sleep(intervalMs);
    res.write(answer.body.subarray(offset, offset + chunkBytes));
  }
  res.end();
}

/** Answers under the plan; resolves with the status sent, or undefined when none was. */
export async function answerWithFaults(plan: FaultPlan, io: FaultIo): Promise<number | undefined> {
  if (plan.delayMs > 0) await sleep(plan.delayMs);
  const fault = plan.outcome;
  if (fault?.kind === 'reset-before') {
    io.req.socket.resetAndDestroy();
    return undefined;
  }
  if (fault?.kind === 'error') {
    sendWire(io.res, io.wire(errorResponse(fault)));
    return fault.status;
  }
  const answer = io.wire(await io.answer());
  switch (fault?.kind) {
    case undefined:
      sendWire(io.res, answer);
      return answer.status;
    case 'reset-after':
      io.req.socket.resetAndDestroy();
      return undefined;
    case 'truncated':
      truncate(io.res, answer);
      return answer.status === 204 ? 200 : answer.status;
    case 'malformed':
      sendWire(io.res, {
        status: 200,
        headers: { ...answer.headers, 'Content-Type': JSON_TYPE },
        body: Buffer.from(MALFORMED_BODY),
      });
      return 200;
    case 'trickle':
      await trickle(io.res, answer, fault.chunkBytes, fault.intervalMs);
      return answer.status;
  }
}
