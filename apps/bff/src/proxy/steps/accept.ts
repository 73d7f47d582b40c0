/** The map-the-outcome step for an answer: a 2xx checked against the contract, else our error. */
import type { Finish } from '../../audit/policies';
import { checkedBody, InvalidAnswer, upstreamError } from '../outcome';
import type { Routed } from '../route';
import type { ScopedResponse } from '../scoped-lists';
import { failed, upstreamPart } from './completion';
import { invalidAnswer } from './invalid-answer';

/**
 * The body for the browser from a 2xx answer (undefined: the operation answers with none). Any
 * other answer, or one the contract does not allow, throws its error with the record finished.
 */
export function accepted(
  routed: Routed,
  response: ScopedResponse,
  finish: Finish,
): Buffer | undefined {
  if (response.status < 200 || response.status >= 300) {
    const error = upstreamError(response);
    const code = error.extra.upstream?.code ?? null;
    finish(failed(error, upstreamPart(routed, response, response.latencyMs, code), error.message));
    throw error;
  }
  try {
    return checkedBody(routed.name, routed.definition, response);
  } catch (error) {
    if (!(error instanceof InvalidAnswer)) throw error;
    throw invalidAnswer(routed, response, finish);
  }
}
