/**
 * W3C Trace Context: each request belongs to a trace. A `traceparent` header is believed only
 * from a trusted proxy (`TRUST_PROXY_HOPS` > 0 and the TCP peer in `TRUST_PROXY_CIDRS`) and only
 * when it is well-formed; then the request continues that trace. Otherwise (no header, a
 * malformed one, or anyone else's) the request starts a trace of its own. Its trace id is in the
 * request's log lines, and every call to SWR carries a `traceparent` of that trace with a span id
 * of its own. The BFF keeps no spans: it passes the trace on, nothing more.
 */
import { randomFillSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { BffConfig } from '../config/schema';
import { trustedProxies } from './peers';

export interface TraceContext {
  /** 32 lowercase hexadecimal characters, never all zeros. */
  traceId: string;
  /** The caller's span (16 hexadecimal characters), when the trace came from a trusted proxy. */
  parentId?: string;
  /** The trace flags, two hexadecimal characters (`01`: sampled). */
  flags: string;
}

/** version-traceid-parentid-flags; a version after 00 may add fields after another `-`. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZEROS = /^0+$/;

/**
 * A `traceparent` header's trace, or undefined when it is not one well-formed value (version
 * `ff`, ids of zeros, uppercase, more fields in version 00, several headers: all ignored).
 */
export function parseTraceparent(value: string | string[] | undefined): TraceContext | undefined {
  if (typeof value !== 'string' || value.length > 512) return undefined;
  const match = TRACEPARENT.exec(value);
  if (match === null) return undefined;
  const [, version, traceId = '', parentId = '', flags = '00', rest] = match;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (ZEROS.test(traceId) || ZEROS.test(parentId)) return undefined;
  return { traceId, parentId, flags };
}

/**
 * Random bytes for ids are drawn from a pool filled 4 KiB at a time, as Node does for
 * `randomUUID`: one `randomBytes` call per id cost a system call per request and per call to SWR.
 * Trace and span ids are identifiers, not secrets.
 */
const pool = Buffer.alloc(4096);
let drawn = pool.length;

function hex(bytes: number): string {
  if (drawn + bytes > pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  drawn += bytes;
  return pool.toString('hex', drawn - bytes, drawn);
}

/** A trace of the BFF's own: a random trace id, not sampled (the BFF records no spans). */
export function newTrace(): TraceContext {
  let traceId = hex(16);
  while (ZEROS.test(traceId)) traceId = hex(16);
  return { traceId, flags: '00' };
}

/** The `traceparent` for one call to SWR: the trace's id and flags, a new span id. */
export function childTraceparent(trace: TraceContext): string {
  let spanId = hex(8);
  while (ZEROS.test(spanId)) spanId = hex(8);
  return `00-${trace.traceId}-${spanId}-${trace.flags}`;
}

/** The request's trace: a trusted proxy's well-formed `traceparent`, else a new one. */
export function traceOf(req: IncomingMessage, fromTrustedProxy: boolean): TraceContext {
  const incoming = fromTrustedProxy ? parseTraceparent(req.headers.traceparent) : undefined;
  return incoming ?? newTrace();
}

/** Sets `req.trace` on every request, before anything logs it. */
export function traceContext(config: Pick<BffConfig, 'trustProxyHops' | 'trustProxyCidrs'>) {
  const trusted = trustedProxies(config.trustProxyHops, config.trustProxyCidrs);
  const handler: RequestHandler = (req, _res, next) => {
    const peer = req.socket.remoteAddress;
    req.trace = traceOf(req, trusted !== false && peer !== undefined && trusted(peer, 0));
    next();
  };
  return handler;
}
