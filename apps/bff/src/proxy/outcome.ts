/**
 * What SWR's answer, or the lack of one, means for the browser: our own words for SWR's errors
 * (never SWR's text), the four ways a call can fail without an answer, and an answer checked
 * against the contract before it is passed on.
 */
import {
  parseErrorBody,
  SWR_ERRORS,
  type OperationDefinition,
  type OperationName,
} from '@swr-dashboard/swr-client';
import { isUtf8 } from 'node:buffer';
import { compile } from 'zod';
import { AppError, type UpstreamInfo } from '../http/errors';
import { parseJson } from './json';
import { RegionUnavailable, type UpstreamFailure, type UpstreamResponse } from './upstream';

export function upstreamInfo(response: UpstreamResponse, code: string | undefined): UpstreamInfo {
  return { status: response.status, code, requestId: response.requestId };
}

/** Our own words for SWR's codes; an unknown code gets a generic sentence, never SWR's text. */
function messageFor(code: string | undefined): string {
  const known = Object.values(SWR_ERRORS).find((error) => error.code === code);
  return known === undefined ? 'SWR refused the request.' : `${known.message}.`;
}

/** An answer outside 2xx. SWR's 401/403 concern the console's key, never the user: 502. */
export function upstreamError(response: UpstreamResponse): AppError {
  const parsed = parseErrorBody(response.body.toString('utf8'));
  const upstream = upstreamInfo(response, parsed.code);
  if (response.status === 401 || response.status === 403) {
    return new AppError(
      'upstream_error',
      "SWR refused the console's cloud credentials for this call.",
      { upstream },
    );
  }
  if (response.status >= 400 && response.status < 500) {
    return new AppError('upstream_rejected', messageFor(parsed.code), {
      status: response.status,
      upstream,
    });
  }
  return new AppError('upstream_error', `SWR failed to answer (HTTP ${response.status}).`, {
    upstream,
  });
}

/** A call that got no answer: the error for the browser and the reason for the audit record. */
export interface Failure {
  error: AppError;
  reason: string;
  /** Seconds to wait, for a region whose breaker refused the call. */
  retryAfter?: number;
}

function breakerFailure(error: RegionUnavailable, region: string): Failure {
  // Refused by the region's breaker before anything was signed or sent: a change is certainly
  // not applied, so this is never "outcome unknown".
  const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
  return {
    error: new AppError(
      'region_unavailable',
      `The region ${region} is unavailable: its recent calls to SWR failed, so the console is not sending more for now. Nothing was sent; try again in about ${seconds} s.`,
      { reason: 'circuit-open' },
    ),
    reason: `circuit-open: ${error.message}`,
    retryAfter: seconds,
  };
}

/** A change that got no answer: not sent, or sent and not confirmed. */
function mutationError(error: UpstreamFailure): AppError | undefined {
  if (!error.sent) {
    return new AppError(
      error.kind === 'timeout' ? 'upstream_timeout' : 'upstream_unavailable',
      'SWR could not be reached; the change was not sent.',
      { reason: error.kind },
    );
  }
  if (error.kind === 'aborted') return undefined;
  return new AppError(
    'outcome_unknown',
    'SWR did not confirm the change; it may or may not have been applied. Refresh to see the current state.',
    { reason: error.kind },
  );
}

/** A read (or an aborted call) that got no answer. */
function readError(error: UpstreamFailure): AppError {
  switch (error.kind) {
    case 'timeout':
      return new AppError('upstream_timeout', 'SWR did not answer in time.');
    case 'too-large':
      return new AppError(
        'upstream_invalid_response',
        'SWR answered with more than the console reads.',
        { reason: error.kind },
      );
    default:
      return new AppError('upstream_unavailable', 'SWR could not be reached.', {
        reason: error.kind,
      });
  }
}

export function failureOf(error: UpstreamFailure, mutation: boolean, region: string): Failure {
  if (error instanceof RegionUnavailable) return breakerFailure(error, region);
  const appError = (mutation ? mutationError(error) : undefined) ?? readError(error);
  // The kind first (`timeout: …`), so the trail can be searched for timeouts; a change whose
  // answer was lost says so, so nobody reading the trail takes it for a change not made.
  const verdict =
    appError.code === 'outcome_unknown'
      ? 'outcome unknown, the change may have been applied: '
      : '';
  return { error: appError, reason: `${error.kind}: ${verdict}${error.message}` };
}

/**
 * Whether `output` (what a schema made of `input`, a value JSON.parse gave) is the same JSON value
 * as `input`: same keys, in any order, and the same values. A schema that stripped a field, added
 * a default or transformed a value makes a difference. Deep as the schema's shape at most: it runs
 * only on values the schema accepted.
 */
export function sameJson(input: unknown, output: unknown): boolean {
  if (input === output) return true;
  if (typeof input !== 'object' || typeof output !== 'object' || input === null || output === null)
    return false;
  if (Array.isArray(input)) {
    if (!Array.isArray(output) || input.length !== output.length) return false;
    for (let index = 0; index < input.length; index += 1) {
      if (!sameJson(input[index], output[index])) return false;
    }
    return true;
  }
  if (Array.isArray(output) || Object.getPrototypeOf(output) !== Object.prototype) return false;
  // Counted with for…in rather than compared as Object.keys arrays: half the time on a page of
  // tags, with no array made per object. An enumerable key inherited from a polluted prototype
  // counts on both sides and fails hasOwn: a difference, so the answer is serialised again.
  let keys = 0;
  for (const key in input) {
    keys += 1;
    if (
      !Object.hasOwn(output, key) ||
      !sameJson((input as Record<string, unknown>)[key], (output as Record<string, unknown>)[key])
    )
      return false;
  }
  for (const _key in output) keys -= 1;
  return keys === 0;
}

/**
 * The contract's response schemas, compiled once: zod/mini objects have no fast path of their own
 * (a page of 100 tags: about 7 µs compiled, 120 µs not). The BFF's CSP does not apply to Node.
 */
const compiledResponses = new Map<OperationName, NonNullable<OperationDefinition['response']>>();
function responseSchema(name: OperationName, definition: OperationDefinition) {
  let schema = compiledResponses.get(name);
  if (schema === undefined && definition.response !== undefined) {
    schema = compile(definition.response);
    compiledResponses.set(name, schema);
  }
  return schema;
}

/** SWR's answer did not match the contract. */
export class InvalidAnswer extends Error {}

/**
 * The body for the browser: what the contract's schema let through of SWR's answer, undefined
 * for operations that answer with none. Throws InvalidAnswer when the answer does not fit.
 */
export function checkedBody(
  name: OperationName,
  definition: OperationDefinition,
  response: UpstreamResponse,
): Buffer | undefined {
  if (definition.response === undefined) return undefined;
  let json: unknown;
  let parsed: { success: true; data: unknown } | { success: false };
  try {
    json = parseJson(response.body);
    parsed = (responseSchema(name, definition) ?? definition.response).safeParse(json);
  } catch {
    parsed = { success: false };
  }
  if (!parsed.success) throw new InvalidAnswer('invalid response');
  // When the schema kept SWR's answer as it was (the usual case), SWR's own bytes are that value:
  // no need to serialise it again. Bytes that are not valid UTF-8 are never passed on as they are.
  return isUtf8(response.body) && sameJson(json, parsed.data)
    ? response.body
    : Buffer.from(JSON.stringify(parsed.data));
}
