/** The finish step: the record finished as a success, then the answer to the browser. */
import type { Request, Response } from 'express';
import type { Finish } from '../../audit/policies';
import { sendJson } from '../../http/compression';
import type { Routed } from '../route';
import type { ScopedResponse } from '../scoped-lists';
import { header } from '../upstream';
import { upstreamPart } from './completion';

/** Answer headers that carry part of a result; nothing else of SWR's reaches the browser. */
const PASSED_HEADERS = ['content-range', 'x-swr-dockerlogin', 'x-swr-expireat'];

/** The headers the browser gets with an accepted answer. */
function passHeaders(res: Response, response: ScopedResponse): void {
  for (const name of PASSED_HEADERS) {
    const value = header(response.headers, name);
    if (value !== undefined) res.setHeader(name, value);
  }
  if (response.requestId !== undefined) res.setHeader('X-Upstream-Request-Id', response.requestId);
  if (response.scopeHidden !== undefined && response.scopeHidden > 0) {
    res.setHeader('X-Scope-Hidden', String(response.scopeHidden));
  }
}

export async function answered(
  req: Request,
  res: Response,
  routed: Routed,
  response: ScopedResponse,
  body: Buffer | undefined,
  finish: Finish,
): Promise<void> {
  passHeaders(res, response);
  finish({
    outcome: 'success',
    httpStatus: response.status,
    upstream: upstreamPart(routed, response, response.latencyMs, null),
    reason: null,
  });
  if (body === undefined) res.status(response.status).end();
  else await sendJson(req, res, response.status, body);
}
