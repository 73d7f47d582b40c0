/**
 * An answer in wire form (status, headers, body bytes) and how it is written. The fault
 * injector uses the same form to send an answer slowly, cut, or not at all.
 */
import type { ServerResponse } from 'node:http';
import type { ApiResponse } from '../api/execute';

export interface WireAnswer {
  status: number;
  /** Every header but `Content-Length`, which follows the body sent. */
  headers: Record<string, string>;
  body: Buffer;
}

export const JSON_TYPE = 'application/json;charset=utf-8';

export function toWire(requestId: string, response: ApiResponse): WireAnswer {
  const headers: Record<string, string> = { 'X-Request-Id': requestId, ...response.headers };
  if (response.body === undefined || response.status === 204) {
    return { status: response.status, headers, body: Buffer.alloc(0) };
  }
  headers['Content-Type'] = JSON_TYPE;
  return { status: response.status, headers, body: Buffer.from(JSON.stringify(response.body)) };
}

/** Writes the status and headers, with a `Content-Length` of `length` (default: the body's). */
export function writeHead(res: ServerResponse, answer: WireAnswer, length?: number): void {
  res.writeHead(answer.status, {
    ...answer.headers,
    'Content-Length': String(length ?? answer.body.length),
  });
}

export function sendWire(res: ServerResponse, answer: WireAnswer): void {
  writeHead(res, answer);
  res.end(answer.body);
}
