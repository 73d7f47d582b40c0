/**
 * Runs one operation: validates its input against the contract, then runs the handler in one
 * transaction. Any SWR failure rolls the transaction back and becomes SWR's error answer.
 */
import {
  formatContentRange,
  operations,
  type OperationDefinition,
  type OperationName,
} from '@swr-dashboard/swr-client';
import { z } from 'zod';
import type { ApiContext } from '../context';
import { SwrFailure, type FailureShape } from './failure';
import type { HandlerInput, HandlerResult, OperationHandler } from './handler';
import { handlers } from './handlers';
import { validationFailure, type RequestPart } from './validation';

export interface ApiResponse {
  status: number;
  /** JSON body; undefined for an empty one. */
  body: unknown;
  headers: Record<string, string>;
}

export interface OperationRequest {
  params: unknown;
  query: unknown;
  body: unknown;
}

/** Parses a value with a schema or throws the SWR failure for that part of the request. */
function parsePart(
  name: OperationName,
  part: RequestPart,
  schema: z.core.$ZodType,
  value: unknown,
): unknown {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw validationFailure(name, part, parsed.error.issues, value);
  return parsed.data;
}

export function failureResponse(failure: SwrFailure, shape: FailureShape = 'swr'): ApiResponse {
  return { status: failure.status, body: failure.body(shape), headers: {} };
}

export function execute(
  ctx: ApiContext,
  name: OperationName,
  request: OperationRequest,
): ApiResponse {
  const definition: OperationDefinition = operations[name];
  const handler = handlers[name] as OperationHandler<OperationName>;
  try {
    const input = {
      params: parsePart(name, 'params', definition.params, request.params),
      query: parsePart(name, 'query', definition.query, request.query),
      body:
        definition.body === undefined
          ? undefined
          : parsePart(name, 'body', definition.body, request.body),
    } as HandlerInput<OperationName>;
    const result: HandlerResult<OperationName> = ctx.store.transaction(() =>
      handler.handle(ctx, input),
    );
    const headers: Record<string, string> = { ...result.headers };
    if (result.page !== undefined) headers['Content-Range'] = formatContentRange(result.page);
    return { status: definition.status, body: result.body, headers };
  } catch (error) {
    if (error instanceof SwrFailure) return failureResponse(error, handler.errorShape);
    throw error;
  }
}
